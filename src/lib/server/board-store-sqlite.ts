/** The SQLite backend of BoardStore: `board_updates` (the log) and `board_snapshots`. */
import { and, asc, count, eq, lte, sql } from 'drizzle-orm';
import type { Db } from './db/index.ts';
import { boardSnapshots, boardUpdates } from './db/schema.ts';
import type { BoardStore, StoredBoard } from './board-store.ts';

/** Stores boards in the app's SQLite database; each call is one (atomic) SQLite transaction. */
export class SqliteBoardStore implements BoardStore {
	readonly #db: Db;
	/** Prepared once: an append runs for every keystroke, and preparing costs more than running. */
	readonly #append;

	constructor(db: Db) {
		this.#db = db;
		this.#append = db
			.insert(boardUpdates)
			.values({
				workshopId: sql.placeholder('workshopId'),
				data: sql.placeholder('data'),
				createdAt: sql.placeholder('createdAt')
			})
			.returning({ id: boardUpdates.id })
			.prepare();
	}

	load(workshopId: string): StoredBoard {
		return this.#db.transaction((tx) => {
			const snapshot = tx
				.select({ data: boardSnapshots.data })
				.from(boardSnapshots)
				.where(eq(boardSnapshots.workshopId, workshopId))
				.get();
			const updates = tx
				.select({ id: boardUpdates.id, data: boardUpdates.data })
				.from(boardUpdates)
				.where(eq(boardUpdates.workshopId, workshopId))
				.orderBy(asc(boardUpdates.id))
				.all();
			return {
				snapshot: snapshot ? new Uint8Array(snapshot.data) : null,
				updates: updates.map((u) => ({ id: u.id, data: new Uint8Array(u.data) }))
			};
		});
	}

	append(workshopId: string, update: Uint8Array): number {
		const row = this.#append.get({ workshopId, data: Buffer.from(update), createdAt: Date.now() });
		return row!.id;
	}

	compact(workshopId: string, state: Uint8Array, upToId: number): boolean {
		return this.#db.transaction((tx) => {
			const data = Buffer.from(state);
			const now = Date.now();
			const written = tx
				.insert(boardSnapshots)
				.values({ workshopId, data, lastUpdateId: upToId, updatedAt: now })
				.onConflictDoUpdate({
					target: boardSnapshots.workshopId,
					set: { data, lastUpdateId: upToId, updatedAt: now },
					setWhere: lte(boardSnapshots.lastUpdateId, upToId)
				})
				.run();
			if (written.changes === 0) return false;
			tx.delete(boardUpdates)
				.where(and(eq(boardUpdates.workshopId, workshopId), lte(boardUpdates.id, upToId)))
				.run();
			return true;
		});
	}

	countUpdates(workshopId: string): number {
		const row = this.#db
			.select({ n: count() })
			.from(boardUpdates)
			.where(eq(boardUpdates.workshopId, workshopId))
			.get();
		return row?.n ?? 0;
	}
}
