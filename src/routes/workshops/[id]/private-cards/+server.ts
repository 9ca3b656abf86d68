/**
 * GET /workshops/<id>/private-cards: the asker's own private cards, and for facilitators how many
 * cards are waiting to be revealed (a count, never their content).
 * POST /workshops/<id>/private-cards: keeps a new private card ({ id, pillar, x, y, width,
 * height, colour, text }) while private brainstorming is on.
 */
import { error, json } from '@sveltejs/kit';
import { checkPrivateCardFields, type PrivateCardFields } from '$lib/board/private-cards';
import { readJsonBody, requireMember, respondWith } from '$lib/server/private-card-requests';
import {
	countPrivateCards,
	createPrivateCard,
	listOwnPrivateCards
} from '$lib/server/private-cards';
import { getBoardStore, getDb } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ params, locals, request }) => {
	const member = requireMember(locals, request, params.id);
	const db = getDb();
	return json(
		{
			cards: listOwnPrivateCards(db, params.id, member.userId),
			waiting: member.role === 'facilitator' ? countPrivateCards(db, params.id) : null
		},
		{ headers: { 'cache-control': 'private, no-store' } }
	);
};

export const POST: RequestHandler = async ({ params, locals, request }) => {
	const member = requireMember(locals, request, params.id);
	const body = await readJsonBody(request);
	const fields = checkPrivateCardFields(body, false);
	if (!fields.ok) error(400, fields.message);
	return respondWith(
		() =>
			createPrivateCard(getDb(), getBoardStore(), {
				workshopId: params.id,
				member,
				id: (body as { id?: unknown }).id,
				fields: fields.value as PrivateCardFields
			}),
		201
	);
};
