/**
 * Chaos: the server is killed (SIGKILL), stopped (SIGTERM) and crashed inside a compaction while
 * people edit, and no edit that anyone made is lost. Randomness comes from one seed, printed with
 * every failed assertion; PILLARBOARD_SEED=<seed> replays the same choices (timing still varies).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { eq } from 'drizzle-orm';
import {
	addCard,
	deleteCard,
	listCards,
	moveCardToPillar,
	setCardText
} from '../../src/lib/board/cards.ts';
import { LOAD_ORIGIN, loadBoardDoc } from '../../src/lib/server/board-store.ts';
import { SqliteBoardStore } from '../../src/lib/server/board-store-sqlite.ts';
import { boardSnapshots, boardUpdates } from '../../src/lib/server/db/schema.ts';
import { Room } from '../../server/sync/room.ts';
import { COMPACT_AFTER_UPDATES } from '../../server/sync/limits.ts';
import { createTestWorkshop, type TestPerson, type TestWorkshop } from '../helpers/accounts.ts';
import { CardEditor, CLES_PILLARS, missingEdits } from '../helpers/card-editor.ts';
import { spawnServer, type ChildServer } from '../helpers/child-server.ts';
import { connectClient, type TestClient } from '../helpers/clients.ts';
import { createTempDatabase, type TempDatabase } from '../helpers/database.ts';
import { createPeople, makePartners } from '../helpers/partners.ts';
import {
	boardContent,
	holdsEverythingOf,
	sameState,
	waitForIdenticalReplicas
} from '../helpers/replicas.ts';
import { Refusals } from '../helpers/refusals.ts';
import { findRestartablePort, spawnServerOnPort } from '../helpers/restartable-server.ts';
import { seededRandom, testSeed } from '../helpers/seeded-random.ts';
import { waitFor } from '../helpers/wait.ts';

const EDITORS = 10;
const KILLS = 20;
const CRASH_CHILD = fileURLToPath(
	new URL('../helpers/crash-during-compaction.ts', import.meta.url)
);
const CRASH_PRELOAD = fileURLToPath(
	new URL('../helpers/compaction-crash-preload.js', import.meta.url)
);

const seed = testSeed();
const random = seededRandom(seed);
/** Appended to assertion messages, so that a failure says how to replay it. */
const replay = `PILLARBOARD_SEED=${seed}`;

// Each stock provider listens for the process's exit; ten editors and a reader are expected.
process.setMaxListeners(EDITORS * 2 + 5);

let database: TempDatabase;
let workshop: TestWorkshop;
const clients: TestClient[] = [];
const editors: CardEditor[] = [];
const processes: ChildProcess[] = [];
let refusals: Refusals;

beforeEach(() => {
	refusals = new Refusals();
	database = createTempDatabase();
	workshop = createTestWorkshop(database.db);
});

afterEach(async () => {
	for (const editor of editors.splice(0)) editor.stop();
	for (const client of clients.splice(0)) client.provider.destroy();
	for (const child of processes.splice(0)) {
		if (child.exitCode === null && child.signalCode === null) {
			const exited = new Promise((resolve) => child.once('exit', resolve));
			child.kill('SIGKILL');
			await exited;
		}
	}
	database.remove();
});

/** A stock client on the test board, closed after the test (its document is kept). */
function connect(syncUrl: string, person: TestPerson, doc?: Y.Doc): TestClient {
	const client = connectClient(syncUrl, workshop.workshopId, person, doc);
	// Present on the board, as the app's client is from the start.
	client.provider.awareness.setLocalState({ user: { name: person.name } });
	refusals.watch(client, person.name);
	clients.push(client);
	return client;
}

function track<T extends ChildServer>(server: T): T {
	processes.push(server.process);
	return server;
}

/** Partners, each editing the board through their own client, connected and synced. */
async function startEditors(
	syncUrl: string
): Promise<{ person: TestPerson; editor: CardEditor }[]> {
	const partners = createPeople(database.db, EDITORS);
	makePartners(database.db, workshop.workshopId, partners);
	const started = partners.map((person) => {
		const client = connect(syncUrl, person);
		return { person, client, editor: new CardEditor(person.name, client.doc, random) };
	});
	await Promise.all(started.map(({ client }) => client.synced));
	editors.push(...started.map(({ editor }) => editor));
	return started;
}

/** The board as the database holds it, read through the test's own connection. */
function storedBoard(): Y.Doc {
	return loadBoardDoc(new SqliteBoardStore(database.db), workshop.workshopId).doc;
}

function snapshotRow() {
	return database.db
		.select()
		.from(boardSnapshots)
		.where(eq(boardSnapshots.workshopId, workshop.workshopId))
		.get();
}

function logIds(): number[] {
	return database.db
		.select({ id: boardUpdates.id })
		.from(boardUpdates)
		.where(eq(boardUpdates.workshopId, workshop.workshopId))
		.all()
		.map((row) => row.id);
}

describe('kill -9', () => {
	it(`keeps every edit of ${EDITORS} editors through ${KILLS} kills of the server, and after each restart every replica and the database hold all of them`, async () => {
		const port = await findRestartablePort();
		let server = track(await spawnServerOnPort(database.file, port));
		const team = (await startEditors(server.syncUrl)).map(({ editor }) => editor);
		const problems = (doc: Y.Doc) => missingEdits(doc, team);

		for (let kill = 1; kill <= KILLS; kill++) {
			const where = `after kill ${kill} (${replay})`;
			for (const editor of team) editor.start();
			// Everyone edits for a short random while, and keeps editing through the kill and the
			// restart: those edits wait in the clients until they reconnect by themselves.
			await Promise.all(team.map((editor) => editor.untilMoreEdits(random.between(5, 25))));
			server.process.kill('SIGKILL');
			expect(await server.exited, where).toBeNull();
			server = track(await spawnServerOnPort(database.file, port));
			for (const editor of team) editor.stop();

			await waitForIdenticalReplicas(() => {
				refusals.check();
				return team.map((editor) => editor.doc);
			}, `replicas ${where}`);
			for (const editor of team)
				expect(problems(editor.doc), `${editor.name} ${where}`).toEqual([]);
			const stored = storedBoard();
			expect(problems(stored), `the database ${where}`).toEqual([]);
			expect(sameState(stored, team[0].doc), `the database ${where}`).toBe(true);
		}

		server.process.kill('SIGTERM');
		expect(await server.exited).toBe(0);
		expect(problems(storedBoard()), `after the last stop (${replay})`).toEqual([]);
		expect(team.reduce((sum, editor) => sum + editor.edits, 0)).toBeGreaterThan(
			KILLS * EDITORS * 5
		);
	}, 150_000);
});

describe('SIGTERM', () => {
	it('stores everything the server relayed when it is stopped mid-edit, and no edit is lost across the restart', async () => {
		const first = track(await spawnServer(database.file));
		const partners = await startEditors(first.syncUrl);
		const team = partners.map(({ editor }) => editor);
		const reader = connect(first.syncUrl, workshop.observer);
		await reader.synced;
		for (const editor of team) editor.start();
		await Promise.all(team.map((editor) => editor.untilMoreEdits(random.between(20, 40))));

		// The editors are still typing when the server is asked to stop.
		first.process.kill('SIGTERM');
		expect(await first.exited).toBe(0);
		for (const editor of team) editor.stop();
		refusals.check();
		// Everything the reader received had been relayed by the server, so it must be stored.
		expect(listCards(reader.doc).length).toBeGreaterThan(0);
		expect(holdsEverythingOf(storedBoard(), reader.doc), replay).toBe(true);

		// Edits the server never received are still in the editors' documents: they come back
		// through a fresh server, which a newcomer then sees in full.
		const second = track(await spawnServer(database.file));
		for (const client of clients.splice(0)) client.provider.destroy();
		for (const { person, editor } of partners) connect(second.syncUrl, person, editor.doc);
		const newcomer = connect(second.syncUrl, workshop.observer);
		await waitForIdenticalReplicas(() => {
			refusals.check();
			return [newcomer.doc, ...team.map((editor) => editor.doc)];
		}, 'the newcomer and the editors to agree');
		expect(missingEdits(newcomer.doc, team), replay).toEqual([]);
		second.process.kill('SIGTERM');
		expect(await second.exited).toBe(0);
		expect(missingEdits(storedBoard(), team), replay).toEqual([]);
	}, 60_000);
});

/** How a child process ended, and what it printed. */
interface Ending {
	code: number | null;
	signal: NodeJS.Signals | null;
	output: string;
}

/** Starts the crashing child (tests/helpers/crash-during-compaction.ts) with `args`. */
function spawnCrashChild(args: string[], env: Record<string, string>) {
	const execArgv = ['--import', 'tsx', '--import', CRASH_PRELOAD];
	const child = spawn(process.execPath, [...execArgv, CRASH_CHILD, ...args], {
		env: { ...process.env, ...env },
		stdio: ['ignore', 'pipe', 'inherit']
	});
	processes.push(child);
	let output = '';
	child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const ended = new Promise<Ending>((resolve) =>
		child.once('close', (code, signal) => resolve({ code, signal, output }))
	);
	return { ended, output: () => output };
}

/**
 * Seeds the board with many logged updates on top of a snapshot that already holds cards, as a
 * live room would leave it, and returns the document they add up to.
 */
function seedLoggedBoard(): Y.Doc {
	const store = new SqliteBoardStore(database.db);
	const { doc, lastUpdateId } = loadBoardDoc(store, workshop.workshopId);
	let lastId = lastUpdateId;
	doc.on('update', (update: Uint8Array, origin: unknown) => {
		if (origin !== LOAD_ORIGIN) lastId = store.append(workshop.workshopId, update);
	});
	const ids = Array.from({ length: 200 }, (_, i) =>
		addCard(doc, { pillar: CLES_PILLARS[i % 5], text: `compacted idea ${i}` })
	);
	store.compact(workshop.workshopId, Y.encodeStateAsUpdate(doc), lastId);
	for (let i = 0; i < 300; i++) {
		ids.push(addCard(doc, { pillar: CLES_PILLARS[i % 5], text: `logged idea ${i}` }));
	}
	for (let i = 0; i < 150; i++) setCardText(doc, ids[i * 2], `edited idea ${i}`);
	for (let i = 0; i < 50; i++) moveCardToPillar(doc, ids[i * 7], 'finance');
	for (let i = 0; i < 50; i++) deleteCard(doc, ids[i * 8 + 3]);
	return doc;
}

describe('a crash in the middle of compaction', () => {
	it.each(['after-snapshot', 'before-commit'])(
		'loses nothing when the process dies inside the compaction transaction (%s): the compaction is rolled back entirely',
		async (crashAt) => {
			const seeded = seedLoggedBoard();
			const snapshotBefore = snapshotRow();
			const logBefore = logIds();
			expect(logBefore.length).toBeGreaterThan(COMPACT_AFTER_UPDATES);

			const { ended } = spawnCrashChild(['compact', database.file, workshop.workshopId], {
				CRASH_AT: crashAt
			});
			const ending = await ended;
			expect(ending.signal).toBe('SIGKILL');
			// Killed with the snapshot replaced (1 row), or with the whole log deleted as well.
			const changed = crashAt === 'after-snapshot' ? 1 : logBefore.length;
			expect(ending.output).toContain(
				`crashing inside a transaction (${crashAt}, ${changed} rows changed)`
			);

			expect(snapshotRow()).toEqual(snapshotBefore);
			expect(logIds()).toEqual(logBefore);
			const stored = storedBoard();
			expect(boardContent(stored)).toEqual(boardContent(seeded));
			expect(sameState(stored, seeded)).toBe(true);

			// The database is not left locked or half-written: the next compaction succeeds.
			const store = new SqliteBoardStore(database.db);
			new Room(workshop.workshopId, store, { onDone: () => undefined }).compact();
			expect(store.countUpdates(workshop.workshopId)).toBe(0);
			expect(boardContent(storedBoard())).toEqual(boardContent(seeded));
		}
	);

	it(`loses nothing when the server dies inside the compaction a room starts after ${COMPACT_AFTER_UPDATES} updates`, async () => {
		const crashing = spawnCrashChild(['server'], {
			CRASH_AT: 'before-commit',
			DATABASE_PATH: database.file,
			PORT: '0'
		});
		await waitFor(() => /listening \d+/.test(crashing.output()), 'the server to listen');
		const port = /listening (\d+)/.exec(crashing.output())![1];
		const syncUrl = `ws://127.0.0.1:${port}/sync`;
		const writer = connect(syncUrl, workshop.partner);
		const reader = connect(syncUrl, workshop.observer);
		await Promise.all([writer.synced, reader.synced]);
		const snapshotBefore = snapshotRow();

		const total = COMPACT_AFTER_UPDATES + 50;
		for (let i = 0; i < total; i++) addCard(writer.doc, { pillar: 'spend', text: `idea ${i}` });
		const ending = await crashing.ended;
		expect(ending.signal).toBe('SIGKILL');
		expect(ending.output).toContain('crashing inside a transaction (before-commit');

		// Each update was stored before it was relayed, and the compaction left no trace.
		expect(listCards(reader.doc).length).toBeGreaterThan(0);
		expect(holdsEverythingOf(storedBoard(), reader.doc)).toBe(true);
		expect(snapshotRow()).toEqual(snapshotBefore);
		expect(logIds().length).toBeGreaterThanOrEqual(COMPACT_AFTER_UPDATES);

		// What the server never stored is still in the writer's document, and comes back.
		const server = track(await spawnServer(database.file));
		writer.provider.destroy();
		connect(server.syncUrl, workshop.partner, writer.doc);
		const newcomer = connect(server.syncUrl, workshop.facilitator);
		await waitForIdenticalReplicas(() => {
			refusals.check();
			return [writer.doc, newcomer.doc];
		}, 'the newcomer to catch up');
		expect(listCards(newcomer.doc)).toHaveLength(total);
		server.process.kill('SIGTERM');
		expect(await server.exited).toBe(0);
		expect(listCards(storedBoard())).toHaveLength(total);
		expect(new SqliteBoardStore(database.db).countUpdates(workshop.workshopId)).toBe(0);
	});
});
