/**
 * Durable storage of board documents, in Yjs bytes only (the Hocuspocus shape): an append-only
 * update log plus a compacted snapshot. Kept behind this interface so that a second backend
 * (PostgreSQL, DESIGN §5) can be added; the in-memory backend serves unit tests.
 */
import * as Y from 'yjs';

export interface StoredBoard {
	/** The compacted state, or null when the board has never been compacted. */
	snapshot: Uint8Array | null;
	/** Updates appended after the snapshot, oldest first. */
	updates: { id: number; data: Uint8Array }[];
}

export interface BoardStore {
	/** Everything stored for a board (both empty for an unknown board). */
	load(workshopId: string): StoredBoard;
	/** Appends one update durably and returns its log id. */
	append(workshopId: string, update: Uint8Array): number;
	/**
	 * Atomically replaces the snapshot with `state` and drops log entries up to `upToId`
	 * (inclusive), which `state` must already contain.
	 */
	compact(workshopId: string, state: Uint8Array, upToId: number): void;
	/** Number of log entries after the snapshot. */
	countUpdates(workshopId: string): number;
}

/** Thrown when stored bytes cannot be turned back into a document. */
export class BoardLoadError extends Error {
	constructor(
		readonly workshopId: string,
		cause: unknown
	) {
		super(`The stored data of board ${workshopId} could not be loaded.`, { cause });
		this.name = 'BoardLoadError';
	}
}

/** A document rebuilt from storage, and where the log stood when it was read. */
export interface LoadedBoard {
	doc: Y.Doc;
	/** Id of the newest log entry applied (0 when the log was empty). */
	lastUpdateId: number;
	/** Number of log entries applied on top of the snapshot. */
	logLength: number;
}

/**
 * Rebuilds a board's document from storage. Every stored update is decoded before anything is
 * applied, so a corrupt row fails the load instead of yielding a half-built document. A board
 * with nothing stored at all also fails: it is never served empty.
 */
export function loadBoardDoc(
	store: BoardStore,
	workshopId: string,
	doc = new Y.Doc()
): LoadedBoard {
	const stored = store.load(workshopId);
	const log = stored.updates.map((update) => update.data);
	const parts = stored.snapshot ? [stored.snapshot, ...log] : log;
	if (parts.length === 0) throw new BoardLoadError(workshopId, new Error('nothing stored'));
	try {
		for (const part of parts) Y.decodeUpdate(part);
		doc.transact(() => {
			for (const part of parts) Y.applyUpdate(doc, part);
		}, LOAD_ORIGIN);
	} catch (error) {
		throw new BoardLoadError(workshopId, error);
	}
	return { doc, lastUpdateId: stored.updates.at(-1)?.id ?? 0, logLength: log.length };
}

/**
 * Changes a stored board outside any live room (seeding, imports): loads it, runs `edit`, and
 * appends what changed as one update. Only for boards that no running server has loaded: a live
 * room would not see the change.
 */
export function editStoredBoard(
	store: BoardStore,
	workshopId: string,
	edit: (doc: Y.Doc) => void
): void {
	const { doc } = loadBoardDoc(store, workshopId);
	const before = Y.encodeStateVector(doc);
	edit(doc);
	const update = Y.encodeStateAsUpdate(doc, before);
	doc.destroy();
	store.append(workshopId, update);
}

/** Transaction origin of updates applied while loading (they are already stored). */
export const LOAD_ORIGIN = Symbol('board-store-load');

/** Keeps boards in memory: for unit tests and as the reference behaviour of the interface. */
export class MemoryBoardStore implements BoardStore {
	#nextId = 1;
	readonly #boards = new Map<string, StoredBoard>();

	load(workshopId: string): StoredBoard {
		const board = this.#boards.get(workshopId);
		return board
			? { snapshot: board.snapshot, updates: [...board.updates] }
			: { snapshot: null, updates: [] };
	}

	append(workshopId: string, update: Uint8Array): number {
		const board = this.#board(workshopId);
		const id = this.#nextId++;
		board.updates.push({ id, data: update.slice() });
		return id;
	}

	compact(workshopId: string, state: Uint8Array, upToId: number): void {
		const board = this.#board(workshopId);
		board.snapshot = state.slice();
		board.updates = board.updates.filter((update) => update.id > upToId);
	}

	countUpdates(workshopId: string): number {
		return this.#boards.get(workshopId)?.updates.length ?? 0;
	}

	#board(workshopId: string): StoredBoard {
		let board = this.#boards.get(workshopId);
		if (!board) {
			board = { snapshot: null, updates: [] };
			this.#boards.set(workshopId, board);
		}
		return board;
	}
}
