/**
 * `npm run bench:storage`: what a big board costs in storage. A board of 10,000 cards is built
 * with the pure board model (each card added as its own update, then as many small text edits),
 * stored through SqliteBoardStore on WAL database files like the server's, and timed: loading
 * from a snapshot and from an uncompacted log, memory of the loaded board, appends per second of
 * small updates, compaction, and database size against the encoded document. Prints a table.
 *
 * Usage: npm run bench:storage [-- --cards 10000 --edits 10000 --appends 10000]
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as Y from 'yjs';
import { initBoard, listPillars } from '../src/lib/board/board-doc.ts';
import { addCard, setCardText } from '../src/lib/board/cards.ts';
import { loadBoardDoc } from '../src/lib/server/board-store.ts';
import { SqliteBoardStore } from '../src/lib/server/board-store-sqlite.ts';
import type { Db } from '../src/lib/server/db/index.ts';
import { createWorkshop } from '../src/lib/server/workshops.ts';
import { COMPACT_AFTER_UPDATES } from '../server/sync/limits.ts';
import { createPerson } from '../tests/helpers/accounts.ts';
import { createTempDatabase, type TempDatabase } from '../tests/helpers/database.ts';
import { MIB, fixed, loadAverage, percentile } from './helpers/stats.ts';
import { markdownTable } from './helpers/table.ts';

const { values } = parseArgs({
	options: {
		cards: { type: 'string', default: '10000' },
		edits: { type: 'string', default: '10000' },
		appends: { type: 'string', default: '10000' }
	}
});
const CARDS = Number(values.cards);
const EDITS = Number(values.edits);
const APPENDS = Number(values.appends);
/** Loads are repeated and the median kept; the first run also warms the JIT. */
const LOAD_RUNS = 5;

const rows: string[][] = [];
function row(measure: string, value: string, note = ''): void {
	rows.push([measure, value, note]);
	console.error(`${measure}: ${value} ${note}`);
}

function median(values: number[]): number {
	return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

function timed<T>(run: () => T): { value: T; ms: number } {
	const started = performance.now();
	const value = run();
	return { value, ms: performance.now() - started };
}

const kib = (bytes: number) => `${fixed(bytes / 1024, 0)} KiB`;
const mib = (bytes: number) => `${fixed(bytes / MIB, 1)} MiB`;

/** A fresh WAL database with one workshop (the board row its updates hang off). */
function boardDatabase(): { database: TempDatabase; store: SqliteBoardStore; boardId: string } {
	const database = createTempDatabase();
	const owner = createPerson(database.db, 'Bench Facilitator');
	const workshop = createWorkshop(database.db, {
		title: 'Storage benchmark',
		place: 'Loopback',
		preset: 'cles',
		ownerId: owner.id
	});
	return { database, store: new SqliteBoardStore(database.db), boardId: workshop.id };
}

/** Bytes SQLite uses for the board tables and their indexes (from the dbstat table). */
function boardTableBytes(db: Db): number {
	const row = db.$client
		.prepare(
			`select sum(pgsize) as bytes from dbstat where name like 'board_%' or name in
			(select name from sqlite_schema where tbl_name like 'board_%')`
		)
		.get() as { bytes: number };
	return row.bytes;
}

/** Size of the database file once the WAL has been checkpointed into it. */
function fileBytes(database: TempDatabase): number {
	database.db.$client.pragma('wal_checkpoint(TRUNCATE)');
	return fs.statSync(database.file).size;
}

const LOAD_PROCESS = fileURLToPath(new URL('./helpers/load-board-process.ts', import.meta.url));

/** Loads a board `LOAD_RUNS` times (median time), then once in a fresh process for its memory. */
function measureLoad(database: TempDatabase, store: SqliteBoardStore, boardId: string) {
	const times: number[] = [];
	for (let i = 0; i < LOAD_RUNS; i++) {
		const { value, ms } = timed(() => loadBoardDoc(store, boardId));
		times.push(ms);
		value.doc.destroy();
	}
	const output = execFileSync(
		process.execPath,
		['--expose-gc', '--import', 'tsx', LOAD_PROCESS, database.file, boardId],
		{ encoding: 'utf8' }
	);
	const memory = JSON.parse(output) as { heapBytes: number; rssBytes: number; cards: number };
	return { ms: median(times), ...memory };
}

console.log(
	`bench:storage on ${os.cpus().length} cores, Node ${process.version}, ` +
		`${new Date().toISOString()}, load average ${loadAverage()} at start`
);

// The board: every card added as its own update, then small text edits on random cards.
const log: Uint8Array[] = [];
const doc = new Y.Doc();
doc.on('update', (update: Uint8Array) => log.push(update));
const built = timed(() => {
	initBoard(doc, { title: 'A very big board', place: 'Kestrelford & Vale', preset: 'cles' });
	const pillars = listPillars(doc);
	const ids: string[] = [];
	for (let i = 0; i < CARDS; i++) {
		const pillar = pillars[i % pillars.length];
		const text = `Idea ${i}: spend more of the ${pillar.label.toLowerCase()} budget locally`;
		ids.push(addCard(doc, { pillar: pillar.key, text, authorName: `Partner ${i % 40}` }));
	}
	for (let i = 0; i < EDITS; i++) {
		const id = ids[(i * 7919) % ids.length];
		setCardText(doc, id, `Idea ${id.slice(0, 4)}, revised ${i}: buy from local firms first`);
	}
});
const state = Y.encodeStateAsUpdate(doc);
const editSizes = log.slice(-EDITS).map((update) => update.byteLength);
const logBytes = log.reduce((sum, update) => sum + update.byteLength, 0);
row(
	'Board built with the pure model',
	`${CARDS} cards, ${EDITS} edits`,
	`${log.length} updates in ${fixed(built.ms / 1000)} s`
);
row('Encoded document (encodeStateAsUpdate)', kib(state.byteLength));
row(
	'Update log, raw bytes',
	kib(logBytes),
	`median edit update ${median(editSizes)} B, card update ${median(log.slice(1, CARDS).map((u) => u.byteLength))} B`
);

// Loading from a snapshot.
const snapshot = boardDatabase();
snapshot.store.compact(snapshot.boardId, state, 0);
const fromSnapshot = measureLoad(snapshot.database, snapshot.store, snapshot.boardId);
row(
	'Load from snapshot (SqliteBoardStore + loadBoardDoc)',
	`${fixed(fromSnapshot.ms, 0)} ms`,
	`median of ${LOAD_RUNS}, ${fromSnapshot.cards} cards`
);
row(
	'Memory held by the loaded board',
	`${mib(fromSnapshot.heapBytes)} heap`,
	`${mib(fromSnapshot.rssBytes)} RSS, measured in a fresh process`
);
const snapshotTables = boardTableBytes(snapshot.database.db);
const snapshotFile = fileBytes(snapshot.database);
row(
	'Database, snapshot only: board tables / whole file',
	`${kib(snapshotTables)} / ${kib(snapshotFile)}`,
	`${fixed(snapshotTables / state.byteLength, 2)}× / ${fixed(snapshotFile / state.byteLength, 2)}× the encoded document`
);
snapshot.database.remove();

// Loading from an uncompacted log of every update.
const logged = boardDatabase();
const bulk = timed(() => {
	for (const update of log) logged.store.append(logged.boardId, update);
});
row(
	`Append the whole log (${log.length} updates, one transaction each)`,
	`${fixed(bulk.ms / 1000, 1)} s`,
	`${fixed(log.length / (bulk.ms / 1000), 0)} appends/s`
);
const fromLog = measureLoad(logged.database, logged.store, logged.boardId);
row(
	`Load from uncompacted log of ${log.length} updates`,
	`${fixed(fromLog.ms, 0)} ms`,
	`median of ${LOAD_RUNS}, ${fromLog.cards} cards; ${fixed(fromLog.ms / fromSnapshot.ms, 1)}× the snapshot load`
);
const logTables = boardTableBytes(logged.database.db);
row(
	'Database, uncompacted log: board tables',
	kib(logTables),
	`${fixed(logTables / state.byteLength, 2)}× the encoded document`
);
const fullLoad = loadBoardDoc(logged.store, logged.boardId);
const encodeFull = timed(() => Y.encodeStateAsUpdate(fullLoad.doc));
const storeFull = timed(() =>
	logged.store.compact(logged.boardId, encodeFull.value, fullLoad.lastUpdateId)
);
fullLoad.doc.destroy();
row(
	`Compact the whole log (${log.length} entries)`,
	`${fixed(encodeFull.ms + storeFull.ms, 0)} ms`,
	`encode ${fixed(encodeFull.ms, 0)} ms + store ${fixed(storeFull.ms, 0)} ms`
);
const compactedTables = boardTableBytes(logged.database.db);
row(
	'Database after that compaction: board tables',
	kib(compactedTables),
	`${fixed(compactedTables / state.byteLength, 2)}× the encoded document (freed pages are reused, not returned)`
);
logged.database.remove();

// Appends as the server makes them: a small edit on the loaded board, stored before relay.
const writes = boardDatabase();
writes.store.compact(writes.boardId, state, 0);
const live = loadBoardDoc(writes.store, writes.boardId);
const cardIds = [...live.doc.getMap('cards').keys()];
let lastId = 0;
const appendTimes: number[] = [];
const compactTimes: number[] = [];
live.doc.on('update', (update: Uint8Array) => {
	const started = performance.now();
	lastId = writes.store.append(writes.boardId, update);
	appendTimes.push(performance.now() - started);
});
const writeRun = timed(() => {
	for (let i = 0; i < APPENDS; i++) {
		setCardText(live.doc, cardIds[(i * 104_729) % cardIds.length], `Live edit ${i}`);
		if ((i + 1) % COMPACT_AFTER_UPDATES === 0) {
			const started = performance.now();
			writes.store.compact(writes.boardId, Y.encodeStateAsUpdate(live.doc), lastId);
			compactTimes.push(performance.now() - started);
		}
	}
});
live.doc.destroy();
const appendTotal = appendTimes.reduce((sum, ms) => sum + ms, 0);
appendTimes.sort((a, b) => a - b);
row(
	`Append small updates (${APPENDS} edits, WAL, synchronous=NORMAL)`,
	`${fixed(APPENDS / (appendTotal / 1000), 0)} appends/s`,
	`p50 ${fixed(percentile(appendTimes, 50) * 1000, 0)} µs, p99 ${fixed(percentile(appendTimes, 99) * 1000, 0)} µs per append`
);
row(
	`Edit + append + compaction every ${COMPACT_AFTER_UPDATES}, end to end`,
	`${fixed(APPENDS / (writeRun.ms / 1000), 0)} edits/s`,
	`as a room does it, on the ${CARDS}-card board`
);
row(
	`Routine compaction (snapshot + ${COMPACT_AFTER_UPDATES} updates)`,
	`${fixed(median(compactTimes), 0)} ms`,
	`median of ${compactTimes.length}, max ${fixed(Math.max(...compactTimes), 0)} ms (encode + store)`
);
writes.database.remove();
doc.destroy();

console.log(`load average ${loadAverage()} at end\n`);
console.log(markdownTable(['measure', 'value', 'note'], rows));
