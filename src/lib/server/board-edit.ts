/**
 * Server-made edits to a board, written as a function of a Y.Doc: the board's current state is
 * loaded into a scratch document, `edit` runs on it, and what changed is applied through
 * `changeBoard` (to the live room when the board is loaded — stored, then relayed — else to the
 * stored board). Synchronous from start to end, so no other edit comes in between.
 */
import * as Y from 'yjs';
import type { BoardStore } from './board-store.ts';
import { changeBoard } from './live-boards.ts';

/** Edits a board with `edit`, wherever the board lives now; returns what `edit` returned. */
export function editBoard<T>(store: BoardStore, workshopId: string, edit: (doc: Y.Doc) => T): T {
	let result: T | undefined;
	changeBoard(store, workshopId, (state) => {
		const doc = new Y.Doc();
		try {
			Y.applyUpdate(doc, state);
			const before = Y.encodeStateVector(doc);
			result = edit(doc);
			return Y.encodeStateAsUpdate(doc, before);
		} finally {
			doc.destroy();
		}
	});
	return result as T;
}

/** Reads a board as it is now (live or stored) through `read`, on a scratch document. */
export function readBoard<T>(state: Uint8Array, read: (doc: Y.Doc) => T): T {
	const doc = new Y.Doc();
	try {
		Y.applyUpdate(doc, state);
		return read(doc);
	} finally {
		doc.destroy();
	}
}
