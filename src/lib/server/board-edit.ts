/**
 * "Edit the board with this function of a Y.Doc", for server code: the edit runs on a copy of the
 * board as it is now and what it changed goes through `changeBoard` — to the live room when the
 * board is loaded (stored, then relayed to everyone), else to the stored board.
 */
import * as Y from 'yjs';
import type { BoardStore } from './board-store.ts';
import { changeBoard } from './live-boards.ts';

/** Runs `edit` on the board as it is now and applies what it changed, as one update. */
export function editBoard(store: BoardStore, workshopId: string, edit: (doc: Y.Doc) => void): void {
	changeBoard(store, workshopId, (state) => {
		const doc = new Y.Doc();
		try {
			Y.applyUpdate(doc, state);
			const before = Y.encodeStateVector(doc);
			edit(doc);
			return Y.encodeStateAsUpdate(doc, before);
		} finally {
			doc.destroy();
		}
	});
}

/** Reads the board as it is now (live or stored) through a throwaway document. */
export function readBoard<T>(state: Uint8Array, read: (doc: Y.Doc) => T): T {
	const doc = new Y.Doc();
	try {
		Y.applyUpdate(doc, state);
		return read(doc);
	} finally {
		doc.destroy();
	}
}
