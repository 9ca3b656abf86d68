/** The rooms loaded in this process, keyed by workshop id; a room unloads when its last client leaves. */
import type { BoardStore } from '../../src/lib/server/board-store.ts';
import { InlineCompactor, type Compactor } from './compactor.ts';
import { Room } from './room.ts';

export class Rooms {
	readonly #rooms = new Map<string, Room>();
	readonly #store: BoardStore;
	readonly #compactor: Compactor;
	readonly #onUnload: ((room: Room) => void) | undefined;

	/** `onUnload` runs when a room unloads (its compaction requested), before its document is destroyed. */
	constructor(
		store: BoardStore,
		onUnload?: (room: Room) => void,
		compactor: Compactor = new InlineCompactor(store)
	) {
		this.#store = store;
		this.#compactor = compactor;
		this.#onUnload = onUnload;
	}

	/** The loaded room of a board, loading it first if needed (throws BoardLoadError). */
	open(workshopId: string): Room {
		let room = this.#rooms.get(workshopId);
		if (!room) {
			const hooks = { onDone: (done: Room) => this.#unload(done) };
			room = new Room(workshopId, this.#store, hooks, this.#compactor);
			this.#rooms.set(workshopId, room);
		}
		return room;
	}

	/** The room of a board if it is loaded. */
	get(workshopId: string): Room | undefined {
		return this.#rooms.get(workshopId);
	}

	/** Every loaded room. */
	all(): IterableIterator<Room> {
		return this.#rooms.values();
	}

	/** How many rooms are loaded. */
	get size(): number {
		return this.#rooms.size;
	}

	/** Flushes and unloads every room, closing their connections with `code`. */
	closeAll(code: number, reason: string): void {
		for (const room of [...this.#rooms.values()]) {
			room.closeAll(code, reason);
			this.#unload(room);
		}
	}

	#unload(room: Room): void {
		if (this.#rooms.get(room.workshopId) !== room) return;
		this.#rooms.delete(room.workshopId);
		room.compact();
		try {
			this.#onUnload?.(room);
		} catch (error) {
			console.error(`[sync] unload hook failed for ${room.workshopId}:`, error);
		}
		room.destroy();
	}
}
