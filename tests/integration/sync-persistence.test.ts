import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { eq } from 'drizzle-orm';
import { addCard, listCards, setCardText } from '../../src/lib/board/cards.ts';
import { loadBoardDoc } from '../../src/lib/server/board-store.ts';
import { SqliteBoardStore } from '../../src/lib/server/board-store-sqlite.ts';
import { boardSnapshots, boardUpdates } from '../../src/lib/server/db/schema.ts';
import { CLOSE } from '../../server/sync/close-codes.ts';
import { COMPACT_AFTER_UPDATES } from '../../server/sync/limits.ts';
import { createTestWorkshop, type TestWorkshop } from '../helpers/accounts.ts';
import { spawnServer } from '../helpers/child-server.ts';
import {
	connectClient,
	rawOutcome,
	waitForConvergence,
	type TestClient
} from '../helpers/clients.ts';
import { createTempDatabase, type TempDatabase } from '../helpers/database.ts';
import { startTestServer } from '../helpers/server.ts';
import { waitFor } from '../helpers/wait.ts';

let database: TempDatabase;
let workshop: TestWorkshop;
const clients: TestClient[] = [];

beforeEach(() => {
	database = createTempDatabase();
	workshop = createTestWorkshop(database.db);
});

afterEach(() => {
	for (const client of clients.splice(0)) client.destroy();
	database.remove();
});

function connect(syncUrl: string, token: string): TestClient {
	const client = connectClient(syncUrl, workshop.workshopId, { sessionToken: token });
	clients.push(client);
	return client;
}

function storedCards(): string[] {
	const { doc } = loadBoardDoc(new SqliteBoardStore(database.db), workshop.workshopId);
	return listCards(doc).map((card) => card.text);
}

describe('durability', () => {
	it('keeps an edit that one client saw when the server is killed with SIGKILL and every client is gone', async () => {
		const first = await spawnServer(database.file);
		const writer = connect(first.syncUrl, workshop.facilitator.sessionToken);
		const reader = connect(first.syncUrl, workshop.partner.sessionToken);
		await Promise.all([writer.synced, reader.synced]);
		const id = addCard(writer.doc, { pillar: 'workforce', text: 'Real Living Wage' });
		setCardText(writer.doc, id, 'Real Living Wage for every anchor');
		await waitFor(
			() => listCards(reader.doc)[0]?.text === 'Real Living Wage for every anchor',
			'the reader to see the edit'
		);
		first.process.kill('SIGKILL');
		await first.exited;
		for (const client of clients.splice(0)) client.destroy();

		const second = await spawnServer(database.file);
		const late = connect(second.syncUrl, workshop.observer.sessionToken);
		await late.synced;
		expect(listCards(late.doc).map((card) => card.text)).toEqual([
			'Real Living Wage for every anchor'
		]);
		second.process.kill('SIGTERM');
		expect(await second.exited).toBe(0);
	});

	it('loses nothing on SIGTERM while a client is editing, and compacts the log on the way out', async () => {
		const server = await spawnServer(database.file);
		const writer = connect(server.syncUrl, workshop.partner.sessionToken);
		await writer.synced;
		for (let i = 0; i < 20; i++) addCard(writer.doc, { pillar: 'land', text: `card ${i}` });
		await waitFor(
			() => new SqliteBoardStore(database.db).countUpdates(workshop.workshopId) >= 20,
			'the edits to be stored'
		);
		server.process.kill('SIGTERM');
		expect(await server.exited).toBe(0);
		expect(storedCards()).toHaveLength(20);
		expect(new SqliteBoardStore(database.db).countUpdates(workshop.workshopId)).toBe(0);
	});
});

describe('loading', () => {
	it('refuses a board whose stored data is corrupt (4500) and leaves its bytes untouched', async () => {
		const corrupt = Buffer.from('this is not a Yjs update at all');
		database.db
			.update(boardSnapshots)
			.set({ data: corrupt })
			.where(eq(boardSnapshots.workshopId, workshop.workshopId))
			.run();
		database.db
			.insert(boardUpdates)
			.values({ workshopId: workshop.workshopId, data: Buffer.from([0, 0]), createdAt: 1 })
			.run();
		const snapshotBefore = database.db.select().from(boardSnapshots).all();
		const logBefore = database.db.select().from(boardUpdates).all();

		const server = await startTestServer({ database });
		const outcome = await rawOutcome(`${server.syncUrl}/${workshop.workshopId}`, {
			sessionToken: workshop.facilitator.sessionToken
		});
		expect(outcome.code).toBe(CLOSE.boardUnavailable);
		// A second try is refused the same way: a failed load is not cached as an empty board.
		const again = await rawOutcome(`${server.syncUrl}/${workshop.workshopId}`, {
			apiToken: workshop.partner.apiToken
		});
		expect(again.code).toBe(CLOSE.boardUnavailable);
		expect(server.running.sync.rooms.size).toBe(0);
		await server.close();

		expect(database.db.select().from(boardSnapshots).all()).toEqual(snapshotBefore);
		expect(database.db.select().from(boardUpdates).all()).toEqual(logBefore);
	});

	it('refuses a board that has nothing stored rather than serving it empty', async () => {
		database.db
			.delete(boardSnapshots)
			.where(eq(boardSnapshots.workshopId, workshop.workshopId))
			.run();
		const server = await startTestServer({ database });
		const outcome = await rawOutcome(`${server.syncUrl}/${workshop.workshopId}`, {
			sessionToken: workshop.facilitator.sessionToken
		});
		expect(outcome.code).toBe(CLOSE.boardUnavailable);
		await server.close();
		expect(database.db.select().from(boardUpdates).all()).toEqual([]);
	});
});

describe('compaction and unloading', () => {
	it(`compacts the log into the snapshot after ${COMPACT_AFTER_UPDATES} updates without losing any`, async () => {
		const server = await startTestServer({ database });
		const writer = connect(server.syncUrl, workshop.partner.sessionToken);
		await writer.synced;
		const store = new SqliteBoardStore(database.db);
		const total = COMPACT_AFTER_UPDATES + 25;
		for (let i = 0; i < total; i++) addCard(writer.doc, { pillar: 'finance', text: `idea ${i}` });
		await waitFor(() => storedCards().length === total, 'every card to be stored');
		// The compaction worker folds the log in beside the room, soon after the 500th update.
		await waitFor(
			() => store.countUpdates(workshop.workshopId) < COMPACT_AFTER_UPDATES,
			'the log to be compacted'
		);
		const snapshot = new Y.Doc();
		Y.applyUpdate(snapshot, store.load(workshop.workshopId).snapshot!);
		expect(listCards(snapshot).length).toBeGreaterThanOrEqual(COMPACT_AFTER_UPDATES - 1);
		const reader = connect(server.syncUrl, workshop.observer.sessionToken);
		await waitForConvergence([writer, reader]);
		expect(listCards(reader.doc)).toHaveLength(total);
		await server.close();
	});

	it('unloads a room when its last client leaves, and reloads it intact', async () => {
		const server = await startTestServer({ database });
		const writer = connect(server.syncUrl, workshop.partner.sessionToken);
		await writer.synced;
		addCard(writer.doc, { pillar: 'ownership', text: 'employee ownership' });
		await waitFor(() => storedCards().length === 1, 'the card to be stored');
		expect(server.running.sync.rooms.size).toBe(1);
		writer.destroy();
		await waitFor(() => server.running.sync.rooms.size === 0, 'the room to unload');
		const reader = connect(server.syncUrl, workshop.facilitator.sessionToken);
		await reader.synced;
		expect(listCards(reader.doc).map((c) => c.text)).toEqual(['employee ownership']);
		expect(Y.encodeStateVector(reader.doc)).toEqual(Y.encodeStateVector(writer.doc));
		await server.close();
	});
});
