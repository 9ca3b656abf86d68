/**
 * POST /workshops/<id>/votes/<voteId> — a facilitator ends a vote: JSON `{ status: 'closed' }`
 * stops voting and shows nothing; `{ status: 'revealed' }` puts the ranked results on the board
 * (a closed vote may still be revealed). Answers with the vote's public part, or `{ message }`.
 */
import { getBoardStore, getDb } from '$lib/server/runtime';
import { readJson, refuse, reply, requireFacilitator } from '$lib/server/vote-requests';
import { endVote } from '$lib/server/votes';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ params, locals, request }) => {
	const facilitator = requireFacilitator(locals, params.id);
	if (facilitator instanceof Response) return facilitator;
	const body = await readJson(request);
	const status = typeof body === 'object' && body !== null && 'status' in body ? body.status : null;
	if (status !== 'closed' && status !== 'revealed') {
		return refuse(
			400,
			'Say whether to close the vote or reveal it: status "closed" or "revealed".'
		);
	}
	const ended = endVote(getDb(), getBoardStore(), {
		workshopId: params.id,
		voteId: params.voteId,
		actor: { id: facilitator.voter.userId, name: facilitator.name },
		reveal: status === 'revealed'
	});
	if (!ended.ok) return refuse(ended.status, ended.message);
	return reply(ended.value);
};
