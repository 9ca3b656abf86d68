/**
 * The compaction worker thread (compactor.ts): compacts boards and checkpoints the WAL on its own
 * connection to the server's database file, so that neither holds the server's event loop.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { compactStored } from '../../src/lib/server/board-store.ts';
import { SqliteBoardStore } from '../../src/lib/server/board-store-sqlite.ts';
import { createDb } from '../../src/lib/server/db/index.ts';
import type {
	CompactorReply,
	CompactorRequest,
	CompactorWorkerData
} from './compactor-protocol.ts';

const { databasePath } = workerData as CompactorWorkerData;
const db = createDb(databasePath);
const store = new SqliteBoardStore(db);
const port = parentPort!;

port.on('message', (request: CompactorRequest) => {
	if (request.type === 'checkpoint') {
		try {
			// PASSIVE: copies what it can without waiting for, or holding up, readers and writers.
			db.$client.pragma('wal_checkpoint(PASSIVE)');
		} catch (error) {
			// The WAL keeps every commit until the next checkpoint succeeds: nothing is lost.
			console.error('[sync] WAL checkpoint failed:', error);
		}
		return;
	}
	const started = performance.now();
	let reply: CompactorReply;
	try {
		const done = compactStored(store, request.workshopId, request.upToId);
		reply = {
			workshopId: request.workshopId,
			ok: true,
			ms: performance.now() - started,
			bytes: done?.bytes ?? null
		};
	} catch (error) {
		reply = { workshopId: request.workshopId, ok: false, error: String(error) };
	}
	port.postMessage(reply);
});
