/** What board pages load on the server: the stored document, encoded for the browser to start from. */
import { error } from '@sveltejs/kit';
import * as Y from 'yjs';
import { BoardLoadError, loadBoardDoc } from './board-store.ts';
import { getBoardStore } from './runtime.ts';

/**
 * The board's stored state as one Yjs update, so the first paint shows the whole board before the
 * socket opens. A board whose stored data cannot be loaded is a 503 with a sentence, never empty.
 */
export function loadBoardState(workshopId: string): Uint8Array {
	try {
		const { doc } = loadBoardDoc(getBoardStore(), workshopId);
		const state = Y.encodeStateAsUpdate(doc);
		doc.destroy();
		return state;
	} catch (cause) {
		if (cause instanceof BoardLoadError) {
			error(
				503,
				"This board's stored data could not be loaded. Ask the facilitator to contact support."
			);
		}
		throw cause;
	}
}
