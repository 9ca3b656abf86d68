/**
 * PATCH /workshops/<id>/private-cards/<cardId>: changes some fields of one's own private card.
 * DELETE /workshops/<id>/private-cards/<cardId>: deletes it. Anyone else's card is "not found".
 */
import { error } from '@sveltejs/kit';
import { checkPrivateCardFields } from '$lib/board/private-cards';
import { readJsonBody, requireMember, respondWith } from '$lib/server/private-card-requests';
import { deletePrivateCard, updatePrivateCard } from '$lib/server/private-cards';
import { getBoardStore, getDb } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

export const PATCH: RequestHandler = async ({ params, locals, request }) => {
	const member = requireMember(locals, request, params.id);
	const body = await readJsonBody(request);
	const fields = checkPrivateCardFields(body, true);
	if (!fields.ok) error(400, fields.message);
	return respondWith(() =>
		updatePrivateCard(getDb(), getBoardStore(), {
			workshopId: params.id,
			member,
			id: params.cardId,
			fields: fields.value
		})
	);
};

export const DELETE: RequestHandler = ({ params, locals, request }) => {
	const member = requireMember(locals, request, params.id);
	return respondWith(() =>
		deletePrivateCard(getDb(), getBoardStore(), {
			workshopId: params.id,
			member,
			id: params.cardId
		})
	);
};
