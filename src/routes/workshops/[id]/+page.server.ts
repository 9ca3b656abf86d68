import { loadBoardStateBase64 } from '$lib/server/board-page';
import { listOwnPrivateCards } from '$lib/server/private-cards';
import { getDb } from '$lib/server/runtime';
import type { PageServerLoad } from './$types';

/** The board's stored state, so the first paint shows every lane and card before the socket opens. */
export const load: PageServerLoad = async ({ params, parent }) => {
	const { user } = await parent(); // membership is checked by the layout before any of the board is read
	return {
		boardState: loadBoardStateBase64(params.id),
		/** My own private cards waiting to be revealed (nobody else's: they are theirs alone). */
		privateCards: listOwnPrivateCards(getDb(), params.id, user.id)
	};
};
