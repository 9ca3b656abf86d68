import { loadBoardState } from '$lib/server/board-page';
import type { PageServerLoad } from './$types';

/** The board's stored state: the partner list is rendered from it, then kept live. */
export const load: PageServerLoad = async ({ params, parent }) => {
	await parent(); // membership is checked by the layout before any of the board is read
	return { boardState: loadBoardState(params.id) };
};
