/**
 * The HTTP upgrade into a sync connection: path, Origin, credentials and membership are all
 * checked before the socket joins a room, so nothing of a board is sent to anyone who may not
 * read it.
 */
import type { IncomingMessage } from 'node:http';
import type { Db } from '../../src/lib/server/db/index.ts';
import { validateApiToken } from '../../src/lib/server/auth/api-token.ts';
import {
	SESSION_COOKIE_NAME,
	hashToken,
	validateSessionToken
} from '../../src/lib/server/auth/session.ts';
import { getMembership } from '../../src/lib/server/members.ts';
import { getWorkshop } from '../../src/lib/server/workshops.ts';
import type { SessionUser } from '../../src/lib/server/auth/session.ts';
import { CLOSE, CLOSE_REASON } from './close-codes.ts';
import type { Credential, Identity } from './room.ts';

/** `/sync/<workshopId>`; ids are our own hex ids, but any URL-safe id up to 64 chars is parsed. */
const SYNC_PATH = /^\/sync\/([A-Za-z0-9_-]{1,64})$/;

/** The workshop id of a sync URL, or null if the path is not a sync path. */
export function parseSyncPath(url: string | undefined): string | null {
	const path = (url ?? '').split('?')[0];
	return SYNC_PATH.exec(path)?.[1] ?? null;
}

/** Whether a request's path belongs to the sync endpoint at all (`/sync` or below). */
export function isSyncRequest(url: string | undefined): boolean {
	const path = (url ?? '').split('?')[0];
	return path === '/sync' || path.startsWith('/sync/');
}

/**
 * Cross-site WebSocket hijacking guard. Browsers always send Origin; it must be the public
 * origin (ORIGIN) or, when none is configured, the origin of the Host the request was sent to.
 * Clients that send no Origin (scripts, stock Node clients) are not browsers and pass.
 */
export function isAllowedOrigin(request: IncomingMessage, publicOrigin: string | null): boolean {
	const origin = request.headers.origin;
	if (origin === undefined) return true;
	if (publicOrigin) return origin === publicOrigin;
	const host = request.headers.host;
	return host !== undefined && (origin === `http://${host}` || origin === `https://${host}`);
}

/** Reads one cookie from a Cookie header. */
export function readCookie(header: string | undefined, name: string): string | null {
	for (const part of (header ?? '').split(';')) {
		const eq = part.indexOf('=');
		if (eq !== -1 && part.slice(0, eq).trim() === name) {
			return decodeURIComponent(part.slice(eq + 1).trim());
		}
	}
	return null;
}

/** The signed-in user of an upgrade request and how: bearer API token first, then session cookie. */
export function authenticateRequest(
	db: Db,
	request: IncomingMessage
): { user: SessionUser; credential: Credential } | null {
	const authorization = request.headers.authorization;
	if (authorization !== undefined) {
		const match = /^Bearer (\S+)$/i.exec(authorization);
		const user = match ? validateApiToken(db, match[1]) : null;
		return user ? { user, credential: { kind: 'token', id: hashToken(match![1]) } } : null;
	}
	const token = readCookie(request.headers.cookie, SESSION_COOKIE_NAME);
	const { session, user } = token ? validateSessionToken(db, token) : { session: null, user: null };
	return session ? { user, credential: { kind: 'session', id: session.id } } : null;
}

export type Admission =
	| { ok: true; workshopId: string; identity: Identity }
	| { ok: false; code: number; reason: string };

/** Decides whether an upgrade request may join the board it names. */
export function admit(db: Db, request: IncomingMessage, workshopId: string): Admission {
	const signedIn = authenticateRequest(db, request);
	if (!signedIn) {
		return { ok: false, code: CLOSE.unauthenticated, reason: CLOSE_REASON.unauthenticated };
	}
	if (!getWorkshop(db, workshopId)) {
		return { ok: false, code: CLOSE.unknownBoard, reason: CLOSE_REASON.unknownBoard };
	}
	const { user, credential } = signedIn;
	const membership = getMembership(db, workshopId, user.id);
	if (!membership) return { ok: false, code: CLOSE.forbidden, reason: CLOSE_REASON.forbidden };
	const { role, partnerId } = membership;
	return {
		ok: true,
		workshopId,
		identity: { userId: user.id, name: user.name, role, partnerId, credential }
	};
}
