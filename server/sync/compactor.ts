/**
 * Compaction and WAL checkpoints away from the event loop. Folding a board's log into its
 * snapshot means encoding the whole document (80–150 ms for a 1 MiB board), and SQLite runs WAL
 * checkpoints in whichever connection commits (15–25 ms every thousand appends): either would hold
 * up every room's relay while it ran. So a worker thread with its own connection to the same
 * database file does both, from what is stored (compactStored), never from the live room.
 *
 * Nothing depends on a compaction for durability: every update is in the log before it is
 * relayed, and a compaction is one transaction that never moves a snapshot backwards. Where no
 * worker can run (an in-memory database, or the worker failed) compaction runs inline.
 */
import { Worker } from 'node:worker_threads';
import { compactStored, type BoardStore } from '../../src/lib/server/board-store.ts';
import type { Db } from '../../src/lib/server/db/index.ts';
import { compactorExecArgv, compactorModuleUrl } from './compactor-module.ts';
import type {
	CompactorReply,
	CompactorRequest,
	CompactorWorkerData
} from './compactor-protocol.ts';
import { roomCompacted, type RoomCompacted } from './diagnostics.ts';

/** How often the worker checkpoints the WAL. */
export const CHECKPOINT_INTERVAL_MS = 1_000;
/** SQLite's default, for the server's connection again if the worker stops. */
const DEFAULT_AUTOCHECKPOINT_PAGES = 1_000;

export interface Compactor {
	/** Folds the board's log, up to `upToId`, into its snapshot: now, or soon. */
	request(workshopId: string, upToId: number): void;
	/** Resolves once every compaction requested so far has ended (done or failed). */
	drain(): Promise<void>;
	/** Drains, then stops the worker, if any. */
	close(): Promise<void>;
}

function publishCompacted(workshopId: string, ms: number, bytes: number): void {
	if (!roomCompacted.hasSubscribers) return;
	const event: RoomCompacted = { workshopId, ms, bytes };
	roomCompacted.publish(event);
}

function reportFailure(workshopId: string, error: unknown): void {
	// The log is intact; the next compaction folds it in.
	console.error(`[sync] could not compact ${workshopId}:`, error);
}

/** Compacts on the calling thread: for in-memory stores, and when no worker can run. */
export class InlineCompactor implements Compactor {
	readonly #store: BoardStore;

	constructor(store: BoardStore) {
		this.#store = store;
	}

	request(workshopId: string, upToId: number): void {
		const started = performance.now();
		try {
			const done = compactStored(this.#store, workshopId, upToId);
			if (done) publishCompacted(workshopId, performance.now() - started, done.bytes);
		} catch (error) {
			reportFailure(workshopId, error);
		}
	}

	async drain(): Promise<void> {}

	async close(): Promise<void> {}
}

/** A board's compaction under way in the worker (one per board at a time). */
interface InFlight {
	upToId: number;
	/** How far the next compaction must go once this one ends (0: none asked for meanwhile). */
	next: number;
	ended: Promise<void>;
	end: () => void;
}

/** Compacts and checkpoints in a worker thread (compactor-worker.ts) on its own connection. */
export class ThreadCompactor implements Compactor {
	readonly #db: Db;
	readonly #fallback: InlineCompactor;
	#worker: Worker | null;
	/** By workshop id. */
	readonly #inFlight = new Map<string, InFlight>();
	readonly #checkpoints: NodeJS.Timeout;

	/** `workerModule` is the worker's code: compactor-worker.ts, bundled (tests pass others). */
	constructor(db: Db, store: BoardStore, workerModule: URL = compactorModuleUrl()) {
		this.#db = db;
		this.#fallback = new InlineCompactor(store);
		const workerData: CompactorWorkerData = { databasePath: db.$client.name };
		this.#worker = new Worker(workerModule, { workerData, execArgv: compactorExecArgv() });
		this.#worker.unref();
		this.#worker.on('message', (reply: CompactorReply) => this.#answered(reply));
		this.#worker.on('error', (error) => this.#lost(error));
		this.#worker.on('exit', (code) => this.#lost(new Error(`it exited with code ${code}`)));
		// The worker checkpoints; this connection's commits no longer stop to do it.
		db.$client.pragma('wal_autocheckpoint = 0');
		this.#checkpoints = setInterval(
			() => this.#post({ type: 'checkpoint' }),
			CHECKPOINT_INTERVAL_MS
		);
		this.#checkpoints.unref();
	}

	request(workshopId: string, upToId: number): void {
		if (!this.#worker) {
			this.#fallback.request(workshopId, upToId);
			return;
		}
		const flight = this.#inFlight.get(workshopId);
		if (flight) {
			// One compaction per board at a time: the furthest request waits for its turn.
			flight.next = Math.max(flight.next, upToId);
			return;
		}
		let end = () => {};
		const ended = new Promise<void>((resolve) => (end = resolve));
		this.#inFlight.set(workshopId, { upToId, next: 0, ended, end });
		this.#post({ type: 'compact', workshopId, upToId });
	}

	async drain(): Promise<void> {
		// A compaction that ends may start the one waiting behind it: drain until none is left.
		while (this.#inFlight.size > 0) {
			await Promise.all([...this.#inFlight.values()].map((flight) => flight.ended));
		}
	}

	async close(): Promise<void> {
		clearInterval(this.#checkpoints);
		await this.drain();
		const worker = this.#worker;
		this.#worker = null;
		await worker?.terminate();
		this.#restoreAutocheckpoint();
	}

	#post(request: CompactorRequest): void {
		this.#worker?.postMessage(request);
	}

	#answered(reply: CompactorReply): void {
		const { workshopId } = reply;
		const flight = this.#inFlight.get(workshopId);
		if (!flight) return;
		this.#inFlight.delete(workshopId);
		if (!reply.ok) reportFailure(workshopId, reply.error);
		else if (reply.bytes !== null) publishCompacted(workshopId, reply.ms, reply.bytes);
		if (flight.next > flight.upToId) this.request(workshopId, flight.next);
		flight.end();
	}

	/** The worker is gone: what it had in hand, and everything after, is compacted inline. */
	#lost(error: unknown): void {
		if (!this.#worker) return;
		console.error('[sync] the compaction worker stopped; compacting inline from now on:', error);
		this.#worker = null;
		clearInterval(this.#checkpoints);
		this.#restoreAutocheckpoint();
		const flights = [...this.#inFlight];
		this.#inFlight.clear();
		for (const [workshopId, { upToId, next, end }] of flights) {
			this.#fallback.request(workshopId, Math.max(upToId, next));
			end();
		}
	}

	#restoreAutocheckpoint(): void {
		if (this.#db.$client.open) {
			this.#db.$client.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT_PAGES}`);
		}
	}
}

/**
 * The compactor for a sync server on `db`: a worker thread, unless the database is in memory or
 * no worker can be started (its module cannot be written, say, with node_modules read-only).
 */
export function createCompactor(db: Db, store: BoardStore): Compactor {
	if (db.$client.memory) return new InlineCompactor(store);
	try {
		return new ThreadCompactor(db, store);
	} catch (error) {
		console.error('[sync] no compaction worker; compacting inline:', error);
		return new InlineCompactor(store);
	}
}
