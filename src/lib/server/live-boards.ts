/**
 * How SvelteKit handlers reach the boards the sync server has loaded. In production the
 * adapter-node bundle and server/ are separate module graphs in one process (in dev, Vite's SSR
 * graph and the plugin's), so they meet through one well-known global slot. Only Yjs bytes cross
 * it. A change goes through `changeBoard`: to the live room when the board is loaded (stored,
 * then relayed to every client by the room, like any edit), else to the stored board.
 */
import { editStoredBoard, loadBoardDoc, type BoardStore } from './board-store.ts';
import * as Y from 'yjs';

/** Turns a board's current state (one Yjs update) into the update to apply to it. */
export type BoardChange = (currentState: Uint8Array) => Uint8Array;

/** A sync server's live boards, as the bridge sees them. */
export interface LiveBoards {
	/** Applies `change` to the board if it is loaded here and returns true; false otherwise. */
	change(workshopId: string, change: BoardChange): boolean;
	/**
	 * The current state of a loaded board (only what a copy at state vector `since` lacks, if
	 * given), or null if it is not loaded here.
	 */
	state(workshopId: string, since?: Uint8Array): Uint8Array | null;
}

const SLOT = Symbol.for('pillarboard.live-boards');
type Slot = { [SLOT]?: Set<LiveBoards> };

/** Makes a sync server's boards reachable; returns the function that withdraws them. */
export function provideLiveBoards(boards: LiveBoards): () => void {
	const slot = globalThis as Slot;
	slot[SLOT] ??= new Set();
	slot[SLOT].add(boards);
	return () => slot[SLOT]?.delete(boards);
}

function providers(): LiveBoards[] {
	return [...((globalThis as Slot)[SLOT] ?? [])];
}

/**
 * The board's state right now: the live room's if loaded (only what a copy at state vector
 * `since` lacks, if given: far cheaper for a big board), else the whole stored one.
 */
export function currentBoardState(
	store: BoardStore,
	workshopId: string,
	since?: Uint8Array
): Uint8Array {
	for (const boards of providers()) {
		const state = boards.state(workshopId, since);
		if (state) return state;
	}
	const { doc } = loadBoardDoc(store, workshopId);
	const state = Y.encodeStateAsUpdate(doc);
	doc.destroy();
	return state;
}

/**
 * Applies a change to a board wherever it lives now. Synchronous from start to end, so no other
 * edit can come between reading the state and applying the change.
 */
export function changeBoard(store: BoardStore, workshopId: string, change: BoardChange): void {
	for (const boards of providers()) {
		if (boards.change(workshopId, change)) return;
	}
	editStoredBoard(store, workshopId, (doc) => {
		Y.applyUpdate(doc, change(Y.encodeStateAsUpdate(doc)));
	});
}
