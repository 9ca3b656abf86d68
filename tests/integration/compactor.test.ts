/**
 * The compaction worker (server/sync/compactor.ts) on a real database file: it folds a board's
 * log into its snapshot from its own connection, one compaction per board at a time, keeps the
 * WAL checkpointed while the server's connection no longer does it, and finishes its work before
 * it stops.
 */
import diagnosticsChannel from 'node:diagnostics_channel';
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCard, listCards } from '../../src/lib/board/cards.ts';
import { LOAD_ORIGIN, loadBoardDoc } from '../../src/lib/server/board-store.ts';
import { SqliteBoardStore } from '../../src/lib/server/board-store-sqlite.ts';
import { CHECKPOINT_INTERVAL_MS, ThreadCompactor } from '../../server/sync/compactor.ts';
import { roomCompacted, type RoomCompacted } from '../../server/sync/diagnostics.ts';
import { createTestWorkshop, type TestWorkshop } from '../helpers/accounts.ts';
import { createTempDatabase, type TempDatabase } from '../helpers/database.ts';
import { waitFor } from '../helpers/wait.ts';

let database: TempDatabase;
let workshop: TestWorkshop;
let store: SqliteBoardStore;
let compactor: ThreadCompactor;
const compacted: RoomCompacted[] = [];
const record = (message: unknown) => compacted.push(message as RoomCompacted);

beforeEach(() => {
	database = createTempDatabase();
	workshop = createTestWorkshop(database.db);
	store = new SqliteBoardStore(database.db);
	compactor = new ThreadCompactor(database.db, store);
	compacted.length = 0;
	diagnosticsChannel.subscribe(roomCompacted.name, record);
});

afterEach(async () => {
	diagnosticsChannel.unsubscribe(roomCompacted.name, record);
	await compactor.close();
	database.remove();
});

/** Adds `count` cards to the stored board, one logged update each; returns the last log id. */
function addLoggedCards(count: number, text = 'idea'): number {
	const { doc, lastUpdateId } = loadBoardDoc(store, workshop.workshopId);
	let lastId = lastUpdateId;
	doc.on('update', (update: Uint8Array, origin: unknown) => {
		if (origin !== LOAD_ORIGIN) lastId = store.append(workshop.workshopId, update);
	});
	for (let i = 0; i < count; i++) addCard(doc, { pillar: 'spend', text: `${text} ${i}` });
	doc.destroy();
	return lastId;
}

function storedTexts(): string[] {
	const { doc } = loadBoardDoc(store, workshop.workshopId);
	return listCards(doc)
		.map((card) => card.text)
		.sort();
}

describe('the compaction worker', () => {
	it('folds the log into the snapshot on its own connection, and says so', async () => {
		const upTo = addLoggedCards(300);
		const before = storedTexts();
		compactor.request(workshop.workshopId, upTo);
		await compactor.drain();
		expect(store.countUpdates(workshop.workshopId)).toBe(0);
		expect(storedTexts()).toEqual(before);
		expect(compacted).toHaveLength(1);
		expect(compacted[0]).toMatchObject({ workshopId: workshop.workshopId });
		expect(compacted[0].bytes).toBeGreaterThan(0);
	});

	it('keeps what was appended after the id it was asked to reach', async () => {
		const upTo = addLoggedCards(100, 'early');
		compactor.request(workshop.workshopId, upTo);
		addLoggedCards(20, 'late');
		const before = storedTexts();
		await compactor.drain();
		expect(store.countUpdates(workshop.workshopId)).toBe(20);
		expect(storedTexts()).toEqual(before);
	});

	it('runs one compaction per board at a time, then the furthest one requested meanwhile', async () => {
		const first = addLoggedCards(200, 'first');
		compactor.request(workshop.workshopId, first);
		const second = addLoggedCards(10, 'second');
		compactor.request(workshop.workshopId, second);
		const third = addLoggedCards(10, 'third');
		compactor.request(workshop.workshopId, third);
		const before = storedTexts();
		await compactor.drain();
		expect(store.countUpdates(workshop.workshopId)).toBe(0);
		expect(storedTexts()).toEqual(before);
		// The second request was folded into the third.
		expect(compacted).toHaveLength(2);
	});

	it('finishes the compactions it was given before it stops', async () => {
		const upTo = addLoggedCards(200);
		compactor.request(workshop.workshopId, upTo);
		await compactor.close();
		expect(store.countUpdates(workshop.workshopId)).toBe(0);
	});

	it('compacts inline, and checkpoints on its own connection again, once the worker has stopped', async () => {
		await compactor.close();
		// A worker that ends at once, as one that crashed would.
		const exiting = new URL(`data:text/javascript,${encodeURIComponent('process.exit(3)')}`);
		compactor = new ThreadCompactor(database.db, store, exiting);
		const pragma = (name: string) => database.db.$client.pragma(name, { simple: true });
		await waitFor(() => pragma('wal_autocheckpoint') === 1000, 'the worker to be given up');
		compactor.request(workshop.workshopId, addLoggedCards(50));
		expect(store.countUpdates(workshop.workshopId)).toBe(0);
		expect(compacted).toHaveLength(1);
	});

	it("takes WAL checkpoints off the server's connection, and the WAL stops growing", async () => {
		const pragma = (name: string) => database.db.$client.pragma(name, { simple: true });
		expect(pragma('wal_autocheckpoint')).toBe(0);
		// Steady appends through the server's connection: without checkpoints every one of them
		// would stay in the WAL, which would grow from round to round.
		const walBytes = () => fs.statSync(`${database.file}-wal`).size;
		const rounds = 16;
		let halfway = 0;
		for (let round = 1; round <= rounds; round++) {
			for (let i = 0; i < 128; i++) store.append(workshop.workshopId, new Uint8Array(1000));
			await new Promise((resolve) => setTimeout(resolve, CHECKPOINT_INTERVAL_MS / 4));
			if (round === rounds / 2) halfway = walBytes();
		}
		expect(walBytes()).toBeLessThanOrEqual(halfway);
		await compactor.close();
		expect(pragma('wal_autocheckpoint')).toBe(1000);
	});
});
