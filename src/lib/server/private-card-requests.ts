/**
 * What the private-card endpoints share: who is asking (a session, or an API token for scripts)
 * and as which member of the workshop, and the request's JSON body, read with a size limit. Every
 * refusal is an HTTP error whose body is `{ message }`, a sentence a person understands.
 */
import { error, json } from '@sveltejs/kit';
import { validateApiToken } from './auth/api-token.ts';
import { BoardLoadError } from './board-store.ts';
import { getMembership } from './members.ts';
import type { PrivateCardResult, Member } from './private-cards.ts';
import { getDb } from './runtime.ts';
import { getWorkshop } from './workshops.ts';

/** Largest request body the endpoints read: a card's fields, with room to spare. */
const MAX_BODY_BYTES = 16 * 1024;

/** The signed-in member asking about this workshop; refuses anyone else (401, 403, 404). */
export function requireMember(locals: App.Locals, request: Request, workshopId: string): Member {
	const db = getDb();
	let user = locals.user;
	if (!user) {
		const match = /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization') ?? '');
		user = match ? validateApiToken(db, match[1]) : null;
	}
	if (!user) error(401, 'Sign in, or send an API token as "Authorization: Bearer …".');
	const workshop = getWorkshop(db, workshopId);
	if (!workshop) error(404, 'There is no workshop with this id.');
	const membership = getMembership(db, workshop.id, user.id);
	if (!membership) {
		error(403, 'You are not a member of this workshop. Ask its facilitator for an invite.');
	}
	return { userId: user.id, role: membership.role, partnerId: membership.partnerId };
}

/** The request's body as JSON; refuses other content types, oversized bodies and bad JSON. */
export async function readJsonBody(request: Request): Promise<unknown> {
	if (!(request.headers.get('content-type') ?? '').startsWith('application/json')) {
		error(415, 'Send the card as JSON (Content-Type: application/json).');
	}
	const declared = Number(request.headers.get('content-length') ?? 0);
	if (declared > MAX_BODY_BYTES) error(413, 'That request is too large for one card.');
	const text = await request.text();
	if (new TextEncoder().encode(text).length > MAX_BODY_BYTES) {
		error(413, 'That request is too large for one card.');
	}
	try {
		return JSON.parse(text);
	} catch {
		error(400, 'The request body is not valid JSON.');
	}
}

/**
 * Runs a private-card change and answers with the card, or with the refusal's status and
 * sentence (503 if the board itself could not be read).
 */
export function respondWith(change: () => PrivateCardResult, status = 200): Response {
	let result: PrivateCardResult;
	try {
		result = change();
	} catch (cause) {
		if (!(cause instanceof BoardLoadError)) throw cause;
		error(
			503,
			"This board's stored data could not be loaded. Ask the facilitator to contact support."
		);
	}
	if (!result.ok) error(result.status, result.message);
	return json({ card: result.card }, { status, headers: { 'cache-control': 'private, no-store' } });
}
