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
	 * (inclusive), which `state` must already contain. Does nothing, and returns false, when the
	 * stored snapshot already reaches further (a compaction that lost a race never goes back).
	 */
	compact(workshopId: string, state: Uint8Array, upToId: number): boolean;
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
	return docFromStored(workshopId, store.load(workshopId), doc);
}

/** Builds a document from stored rows (loadBoardDoc's work, for rows already read). */
function docFromStored(workshopId: string, stored: StoredBoard, doc: Y.Doc): LoadedBoard {
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

/** What one compaction did: null when there was nothing to fold in. */
export interface Compaction {
	/** Size of the snapshot written. */
	bytes: number;
	/** Log entries folded into it. */
	folded: number;
}

/**
 * Folds a board's stored log, up to `upToId`, into its snapshot — from storage alone, so that it
 * can run away from the live room (a worker thread with its own connection): the snapshot is
 * rebuilt from the rows, not from the room's document. Entries after `upToId` stay in the log.
 */
export function compactStored(
	store: BoardStore,
	workshopId: string,
	upToId: number
): Compaction | null {
	const stored = store.load(workshopId);
	const updates = stored.updates.filter((update) => update.id <= upToId);
	if (updates.length === 0) return null;
	const { doc } = docFromStored(workshopId, { snapshot: stored.snapshot, updates }, new Y.Doc());
	try {
		// Everything the rows hold, pending parts included: the snapshot keeps what the log kept.
		const state = Y.encodeStateAsUpdate(doc);
		const upTo = updates.at(-1)!.id;
		return store.compact(workshopId, state, upTo)
			? { bytes: state.byteLength, folded: updates.length }
			: null;
	} finally {
		doc.destroy();
	}
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
	/** The last log id each board's snapshot holds. */
	readonly #snapshotUpTo = new Map<string, number>();

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

	compact(workshopId: string, state: Uint8Array, upToId: number): boolean {
		const board = this.#board(workshopId);
		if ((this.#snapshotUpTo.get(workshopId) ?? -1) > upToId) return false;
		this.#snapshotUpTo.set(workshopId, upToId);
		board.snapshot = state.slice();
		board.updates = board.updates.filter((update) => update.id > upToId);
		return true;
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
