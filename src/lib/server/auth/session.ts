/**
 * Sessions the Lucia way (lucia-auth.com): the cookie holds a random token, the database holds
 * only its SHA-256 hash. Sessions slide: using one in its second half extends it.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { and, eq, gt } from 'drizzle-orm';
import { inIdList } from '../db/in-list.ts';
import type { Db } from '../db/index.ts';
import { sessions, users, type Session, type User } from '../db/schema.ts';

export const DAY_IN_MS = 24 * 60 * 60 * 1000;
/** A session lives this long after its last renewal. */
export const SESSION_LIFETIME_MS = 30 * DAY_IN_MS;
/** Inside this window before expiry, using the session renews it. */
export const SESSION_RENEW_WINDOW_MS = 15 * DAY_IN_MS;
export const SESSION_COOKIE_NAME = 'pillarboard_session';
/** Random bytes in a session or API token (160 bits). */
const TOKEN_BYTES = 20;

/** The user fields the app may see (never the password hash). Guests have no email. */
export type SessionUser = Pick<User, 'id' | 'email' | 'name' | 'guestWorkshopId'>;

/** `lastUsedAt` is written at most this often, not on every request. */
const LAST_USED_PRECISION_MS = 60 * 1000;

export type SessionValidationResult =
	{ session: Session; user: SessionUser } | { session: null; user: null };

/** A new random token, base32 (lower case), for a session cookie or an API token. */
export function generateToken(): string {
	const bytes = new Uint8Array(TOKEN_BYTES);
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}

/** The id under which a token is stored: the hex SHA-256 of the token. */
export function hashToken(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/** Stores a session for `token` and returns it. */
export function createSession(
	db: Db,
	token: string,
	userId: string,
	userAgent: string | null = null,
	now = Date.now()
): Session {
	const session: Session = {
		id: hashToken(token),
		userId,
		expiresAt: now + SESSION_LIFETIME_MS,
		createdAt: now,
		lastUsedAt: now,
		userAgent
	};
	db.insert(sessions).values(session).run();
	return session;
}

/** Looks a token up; deletes it if expired and extends it if it is in its renewal window. */
export function validateSessionToken(
	db: Db,
	token: string,
	now = Date.now()
): SessionValidationResult {
	const row = db
		.select({
			session: sessions,
			user: {
				id: users.id,
				email: users.email,
				name: users.name,
				guestWorkshopId: users.guestWorkshopId
			}
		})
		.from(sessions)
		.innerJoin(users, eq(sessions.userId, users.id))
		.where(eq(sessions.id, hashToken(token)))
		.get();
	if (!row) return { session: null, user: null };
	const { session, user } = row;
	if (now >= session.expiresAt) {
		db.delete(sessions).where(eq(sessions.id, session.id)).run();
		return { session: null, user: null };
	}
	const renew = now >= session.expiresAt - SESSION_RENEW_WINDOW_MS;
	const touch = now - (session.lastUsedAt ?? 0) >= LAST_USED_PRECISION_MS;
	if (renew || touch) {
		if (renew) session.expiresAt = now + SESSION_LIFETIME_MS;
		session.lastUsedAt = now;
		db.update(sessions)
			.set({ expiresAt: session.expiresAt, lastUsedAt: now })
			.where(eq(sessions.id, session.id))
			.run();
	}
	return { session, user };
}

/** Which of these session ids (hashes) still belong to live sessions. */
export function liveSessionIds(db: Db, ids: string[], now = Date.now()): Set<string> {
	if (ids.length === 0) return new Set();
	const rows = db
		.select({ id: sessions.id })
		.from(sessions)
		.where(and(inIdList(sessions.id, ids), gt(sessions.expiresAt, now)))
		.all();
	return new Set(rows.map((row) => row.id));
}

/** Ends one session. */
export function invalidateSession(db: Db, sessionId: string): void {
	db.delete(sessions).where(eq(sessions.id, sessionId)).run();
}

/** Ends every session of a user. */
export function invalidateUserSessions(db: Db, userId: string): void {
	db.delete(sessions).where(eq(sessions.userId, userId)).run();
}
