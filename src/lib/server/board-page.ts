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
	return withStoredBoard(workshopId, (doc) => Y.encodeStateAsUpdate(doc));
}

/**
 * The same state as a base64 string of a version 2 update, for big boards: a page inlines a byte
 * array as a list of numbers (about 3.7 characters a byte), base64 takes 1.33 a byte, and the v2
 * encoding is about a third smaller again.
 */
export function loadBoardStateBase64(workshopId: string): string {
	return withStoredBoard(workshopId, (doc) =>
		Buffer.from(Y.encodeStateAsUpdateV2(doc)).toString('base64')
	);
}

function withStoredBoard<T>(workshopId: string, read: (doc: Y.Doc) => T): T {
	try {
		const { doc } = loadBoardDoc(getBoardStore(), workshopId);
		const result = read(doc);
		doc.destroy();
		return result;
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
