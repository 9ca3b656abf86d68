/**
 * Who is asking, for the workshop's JSON endpoints (the diagnosis, the parking lot): a +server.ts
 * does not run the workshop layout's checks, so each request is checked here — signed in, the
 * workshop exists, a member — and refusals are JSON `{ message }` with a sentence a person reads.
 */
import { json } from '@sveltejs/kit';
import type { SessionUser } from './auth/session.ts';
import type { Role, Workshop } from './db/schema.ts';
import { getMembership } from './members.ts';
import { getDb } from './runtime.ts';
import { getWorkshop } from './workshops.ts';

/** A member's request, or the response that refuses it. */
export type MemberRequest =
	| {
			ok: true;
			user: SessionUser;
			workshop: Workshop;
			role: Role;
			/** The partner organisation (board partner id) the member speaks for, if any. */
			partnerId: string | null;
	  }
	| { ok: false; response: Response };

/** A JSON refusal: `{ message }` with the status. */
export function refusal(status: number, message: string): Response {
	return json({ message }, { status, headers: { 'cache-control': 'private, no-store' } });
}

/** Checks that the signed-in user is a member of the workshop. */
export function checkMember(user: SessionUser | null, workshopId: string): MemberRequest {
	if (!user) return { ok: false, response: refusal(401, 'Sign in to take part in this workshop.') };
	const db = getDb();
	const workshop = getWorkshop(db, workshopId);
	if (!workshop) return { ok: false, response: refusal(404, 'There is no workshop with this id.') };
	const membership = getMembership(db, workshop.id, user.id);
	if (!membership) {
		return {
			ok: false,
			response: refusal(
				403,
				'You are not a member of this workshop. Ask its facilitator for an invite.'
			)
		};
	}
	return { ok: true, user, workshop, role: membership.role, partnerId: membership.partnerId };
}

/** The request's JSON body, or a refusal when it is not JSON. */
export async function readJsonBody(
	request: Request
): Promise<{ ok: true; body: unknown } | { ok: false; response: Response }> {
	const type = request.headers.get('content-type') ?? '';
	const unreadable = refusal(400, 'Send the request as JSON (Content-Type: application/json).');
	if (!/^application\/json\b/i.test(type)) return { ok: false, response: unreadable };
	try {
		return { ok: true, body: await request.json() };
	} catch {
		return { ok: false, response: unreadable };
	}
}

/** A no-store JSON answer (these answers are per person and must not be cached). */
export function answer(body: unknown, status = 200): Response {
	return json(body, { status, headers: { 'cache-control': 'private, no-store' } });
}
