/**
 * Read-only copies of boards, kept current cheaply, for checks that read a board on many requests
 * (each save of a private card asks whether private mode is on and its lane is locked). Building
 * a document from a board's whole state costs about 15 ms at 300 cards and 200 ms at 2,000, and
 * holds the event loop; bringing a copy up to date asks the live room only for what it lacks,
 * well under a millisecond. A copy is never written to, and is dropped when unused for a while.
 */
import * as Y from 'yjs';
import type { BoardStore } from './board-store.ts';
import { currentBoardState } from './live-boards.ts';

/** Most boards kept copied at once; the one used longest ago goes first. */
const MAX_REPLICAS = 16;
/** A copy unused for this long is dropped. */
const IDLE_MS = 10 * 60_000;

interface Replica {
	doc: Y.Doc;
	usedAt: number;
}

const replicas = new Map<string, Replica>();

function dropIdle(now: number): void {
	for (const [workshopId, replica] of replicas) {
		if (now - replica.usedAt > IDLE_MS) forget(workshopId, replica);
	}
	while (replicas.size > MAX_REPLICAS) {
		const oldest = [...replicas].sort(([, a], [, b]) => a.usedAt - b.usedAt)[0];
		forget(oldest[0], oldest[1]);
	}
}

function forget(workshopId: string, replica: Replica): void {
	replicas.delete(workshopId);
	replica.doc.destroy();
}

/**
 * Reads a board as it is now through `read`, which must not change the document or keep it.
 * Throws BoardLoadError (from the store) if the board cannot be loaded.
 */
export function readBoard<T>(store: BoardStore, workshopId: string, read: (doc: Y.Doc) => T): T {
	const now = Date.now();
	let replica = replicas.get(workshopId);
	if (replica) {
		Y.applyUpdate(
			replica.doc,
			currentBoardState(store, workshopId, Y.encodeStateVector(replica.doc))
		);
		// A copy that now waits on edits the board does not have is not the board: start again.
		if (replica.doc.store.pendingStructs || replica.doc.store.pendingDs) {
			forget(workshopId, replica);
			replica = undefined;
		}
	}
	if (!replica) {
		const doc = new Y.Doc();
		Y.applyUpdate(doc, currentBoardState(store, workshopId));
		replica = { doc, usedAt: now };
		replicas.set(workshopId, replica);
	}
	replica.usedAt = now;
	dropIdle(now);
	return read(replica.doc);
}
