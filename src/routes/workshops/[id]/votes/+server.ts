/**
 * POST /workshops/<id>/votes — a facilitator starts a vote: JSON `{ title, kind: 'cards' |
 * 'actions', items: [ids], budget, per: 'person' | 'partner', maxPerItem }`. Answers 201 with the
 * vote's public part (as the board shows it), or `{ message }` with 400, 401, 403, 404 or 409.
 */
import { json } from '@sveltejs/kit';
import { getBoardStore, getDb } from '$lib/server/runtime';
import { parseNewVote } from '$lib/server/vote-input';
import { readJson, refuse, requireFacilitator } from '$lib/server/vote-requests';
import { startVote } from '$lib/server/votes';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ params, locals, request }) => {
	const facilitator = requireFacilitator(locals, params.id);
	if (facilitator instanceof Response) return facilitator;
	const parsed = parseNewVote(await readJson(request));
	if (!parsed.ok) return refuse(400, parsed.message);
	const started = startVote(getDb(), getBoardStore(), {
		workshopId: params.id,
		actor: { id: facilitator.voter.userId, name: facilitator.name },
		vote: parsed.value
	});
	if (!started.ok) return refuse(started.status, started.message);
	return json(started.value, { status: 201 });
};
