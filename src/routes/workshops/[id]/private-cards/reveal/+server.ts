/**
 * POST /workshops/<id>/private-cards/reveal (facilitators): puts every private card on the board
 * where its author put it and turns private mode off, in one step; answers `{ revealed, ids }`.
 */
import { error, json } from '@sveltejs/kit';
import { BoardLoadError } from '$lib/server/board-store';
import { requireMember } from '$lib/server/private-card-requests';
import { revealWorkshopPrivateCards } from '$lib/server/private-reveal';
import { getBoardStore, getDb } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ params, locals, request }) => {
	const member = requireMember(locals, request, params.id);
	if (member.role !== 'facilitator') error(403, 'Only facilitators may reveal private cards.');
	try {
		return json(revealWorkshopPrivateCards(getDb(), getBoardStore(), params.id));
	} catch (cause) {
		if (!(cause instanceof BoardLoadError)) throw cause;
		error(503, "This board's stored data could not be loaded, so nothing was revealed.");
	}
};
