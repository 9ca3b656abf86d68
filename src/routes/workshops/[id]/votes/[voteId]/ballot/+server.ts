/**
 * The asking member's ballot in one vote — their own votes, or their organisation's when the
 * budget is per partner; never anyone else's, and no totals before the reveal.
 * GET: the ballot. POST JSON `{ item, change }` (e.g. 1 or -1): adds or takes off votes, checked
 * against the budget and the most per item; answers with the ballot, or `{ message }` with 400,
 * 401, 403 (observers, non-members), 404 or 409 (closed vote, over budget, over the maximum).
 */
import { castVote, readBallot } from '$lib/server/ballots';
import { getBoardStore, getDb } from '$lib/server/runtime';
import { parseBallotChange } from '$lib/server/vote-input';
import { readJson, refuse, reply, requireMember } from '$lib/server/vote-requests';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ params, locals }) => {
	const member = requireMember(locals, params.id);
	if (member instanceof Response) return member;
	const ballot = readBallot(getDb(), {
		workshopId: params.id,
		voteId: params.voteId,
		voter: member.voter
	});
	if (!ballot.ok) return refuse(ballot.status, ballot.message);
	return reply(ballot.value);
};

export const POST: RequestHandler = async ({ params, locals, request }) => {
	const member = requireMember(locals, params.id);
	if (member instanceof Response) return member;
	if (member.voter.role === 'observer') {
		return refuse(403, 'Observers follow the vote but do not vote.');
	}
	const parsed = parseBallotChange(await readJson(request));
	if (!parsed.ok) return refuse(400, parsed.message);
	const cast = castVote(getDb(), getBoardStore(), {
		workshopId: params.id,
		voteId: params.voteId,
		voter: member.voter,
		change: parsed.value
	});
	if (!cast.ok) return refuse(cast.status, cast.message);
	return reply(cast.value);
};
