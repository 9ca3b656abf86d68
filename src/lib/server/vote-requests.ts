/**
 * What every voting endpoint does first: find the signed-in member and their role in the
 * workshop on this very request (a role changed a second ago counts), and read the JSON body.
 * Refusals are JSON `{ message }` with a sentence the page shows as it is.
 */
import { json } from '@sveltejs/kit';
import { getMembership } from './members.ts';
import { getDb } from './runtime.ts';
import { getWorkshop } from './workshops.ts';
import type { Voter } from './ballots.ts';

/** A refusal as the voting endpoints send it. */
export function refuse(status: number, message: string): Response {
	return json({ message }, { status, headers: { 'cache-control': 'no-store' } });
}

/** A reply the browser must never cache (ballots are personal). */
export function reply(body: unknown): Response {
	return json(body, { headers: { 'cache-control': 'private, no-store' } });
}

/** The signed-in member of the workshop, or the refusal to send. */
export function requireMember(
	locals: App.Locals,
	workshopId: string
): { voter: Voter; name: string } | Response {
	const user = locals.user;
	if (!user) return refuse(401, 'Sign in to take part in votes.');
	const db = getDb();
	if (!getWorkshop(db, workshopId)) return refuse(404, 'There is no workshop with this id.');
	const membership = getMembership(db, workshopId, user.id);
	if (!membership) {
		return refuse(403, 'You are not a member of this workshop. Ask its facilitator for an invite.');
	}
	return {
		voter: { userId: user.id, role: membership.role, partnerId: membership.partnerId },
		name: user.name
	};
}

/** The facilitator of the workshop, or the refusal to send. */
export function requireFacilitator(
	locals: App.Locals,
	workshopId: string
): { voter: Voter; name: string } | Response {
	const member = requireMember(locals, workshopId);
	if (member instanceof Response || member.voter.role === 'facilitator') return member;
	return refuse(403, 'Only facilitators start, close and reveal votes.');
}

/**
 * The request's JSON body, or undefined if it is not JSON. The content type must say JSON too: a
 * cross-site form can post text/plain, but not application/json without the browser asking first.
 */
export async function readJson(request: Request): Promise<unknown> {
	const type = request.headers.get('content-type') ?? '';
	if (!/^application\/json\b/i.test(type)) return undefined;
	try {
		return await request.json();
	} catch {
		return undefined;
	}
}
