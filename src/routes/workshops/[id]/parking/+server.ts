/**
 * The parking lot across workshops (facilitators). GET /workshops/<id>/parking lists the other
 * workshops of the same place the facilitator also runs, with how many parked cards each carry
 * would copy; POST `{ "from": "<earlier workshop id>" }` brings that workshop's parked cards into
 * this one, `{ "to": "<later workshop id>" }` carries this one's there.
 */
import { answer, checkMember, readJsonBody, refusal } from '$lib/server/member-request';
import { carryParkedCards, listCarryOptions } from '$lib/server/parking-carry';
import { getBoardStore, getDb } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

const FACILITATORS_ONLY = 'Only facilitators carry the parking lot into another workshop.';

export const GET: RequestHandler = ({ params, locals }) => {
	const member = checkMember(locals.user, params.id);
	if (!member.ok) return member.response;
	if (member.role !== 'facilitator') return refusal(403, FACILITATORS_ONLY);
	return answer({
		workshops: listCarryOptions(getDb(), getBoardStore(), member.workshop, member.user.id)
	});
};

export const POST: RequestHandler = async ({ params, locals, request }) => {
	const member = checkMember(locals.user, params.id);
	if (!member.ok) return member.response;
	if (member.role !== 'facilitator') return refusal(403, FACILITATORS_ONLY);
	const body = await readJsonBody(request);
	if (!body.ok) return body.response;
	const { from, to } = (typeof body.body === 'object' && body.body !== null ? body.body : {}) as {
		from?: unknown;
		to?: unknown;
	};
	const other = typeof from === 'string' ? from : typeof to === 'string' ? to : null;
	if (other === null || (typeof from === 'string' && typeof to === 'string')) {
		return refusal(400, 'Say which workshop to carry parked cards "from" or "to".');
	}
	const here = member.workshop.id;
	const result = carryParkedCards(getDb(), getBoardStore(), {
		fromId: typeof from === 'string' ? from : here,
		toId: typeof from === 'string' ? here : other,
		actor: { id: member.user.id, name: member.user.name }
	});
	if (!result.ok) return refusal(result.status, result.message);
	return answer({ carried: result.carried });
};
