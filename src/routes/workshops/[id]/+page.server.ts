import { loadBoardStateBase64 } from '$lib/server/board-page';
import type { PageServerLoad } from './$types';

/** The board's stored state, so the first paint shows every lane and card before the socket opens. */
export const load: PageServerLoad = async ({ params, parent }) => {
	await parent(); // membership is checked by the layout before any of the board is read
	return { boardState: loadBoardStateBase64(params.id) };
};
