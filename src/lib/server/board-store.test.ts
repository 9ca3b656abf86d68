import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createDb, migrateDb } from './db/index.ts';
import { users, workshops } from './db/schema.ts';
import {
	BoardLoadError,
	MemoryBoardStore,
	compactStored,
	editStoredBoard,
	loadBoardDoc,
	type BoardStore
} from './board-store.ts';
import { SqliteBoardStore } from './board-store-sqlite.ts';

const MIGRATIONS = fileURLToPath(new URL('../../../drizzle', import.meta.url));

function sqliteStore(): BoardStore {
	const db = createDb(':memory:');
	migrateDb(db, MIGRATIONS);
	db.insert(users)
		.values({ id: 'u', email: 'u@example.test', name: 'U', passwordHash: 'x', createdAt: 0 })
		.run();
	for (const id of ['a', 'b']) {
		db.insert(workshops)
			.values({ id, title: id, place: 'P', pillarPreset: 'cles', createdBy: 'u', createdAt: 0 })
			.run();
	}
	return new SqliteBoardStore(db);
}

function updateSetting(key: string, value: string, doc = new Y.Doc()): Uint8Array {
	let captured: Uint8Array | null = null;
	const capture = (update: Uint8Array) => (captured = update);
	doc.on('update', capture);
	doc.getMap('m').set(key, value);
	doc.off('update', capture);
	return captured!;
}

const backends: [string, () => BoardStore][] = [
	['memory', () => new MemoryBoardStore()],
	['SQLite', sqliteStore]
];

describe.each(backends)('the %s board store', (_name, makeStore) => {
	it('returns nothing for a board it has never seen, and refuses to load it', () => {
		const store = makeStore();
		expect(store.load('a')).toEqual({ snapshot: null, updates: [] });
		expect(() => loadBoardDoc(store, 'a')).toThrow(BoardLoadError);
	});

	it('appends updates in order and rebuilds the document from them', () => {
		const store = makeStore();
		const source = new Y.Doc();
		const first = store.append('a', updateSetting('k1', 'v1', source));
		const second = store.append('a', updateSetting('k2', 'v2', source));
		expect(second).toBeGreaterThan(first);
		const loaded = loadBoardDoc(store, 'a');
		expect(loaded.doc.getMap('m').toJSON()).toEqual({ k1: 'v1', k2: 'v2' });
		expect(loaded).toMatchObject({ lastUpdateId: second, logLength: 2 });
	});

	it('compacts the log up to an id into the snapshot, keeping later entries', () => {
		const store = makeStore();
		const source = new Y.Doc();
		const first = store.append('a', updateSetting('k1', 'v1', source));
		const compacted = Y.encodeStateAsUpdate(source);
		store.append('a', updateSetting('k2', 'v2', source));
		store.compact('a', compacted, first);
		expect(store.countUpdates('a')).toBe(1);
		expect(loadBoardDoc(store, 'a').doc.getMap('m').toJSON()).toEqual({ k1: 'v1', k2: 'v2' });
	});

	it('never moves a snapshot backwards: a compaction that lost a race changes nothing', () => {
		const store = makeStore();
		const source = new Y.Doc();
		const first = store.append('a', updateSetting('k1', 'v1', source));
		const older = Y.encodeStateAsUpdate(source);
		const second = store.append('a', updateSetting('k2', 'v2', source));
		expect(store.compact('a', Y.encodeStateAsUpdate(source), second)).toBe(true);
		expect(store.compact('a', older, first)).toBe(false);
		expect(loadBoardDoc(store, 'a').doc.getMap('m').toJSON()).toEqual({ k1: 'v1', k2: 'v2' });
	});

	it('replaces a snapshot at the same point: a seed over the board a workshop was created with', () => {
		const store = makeStore();
		expect(store.compact('a', updateSetting('k', 'created'), 0)).toBe(true);
		expect(store.compact('a', updateSetting('k', 'seed'), 0)).toBe(true);
		expect(loadBoardDoc(store, 'a').doc.getMap('m').toJSON()).toEqual({ k: 'seed' });
	});

	it('compacts from storage alone, up to an id, keeping later entries in the log', () => {
		const store = makeStore();
		const source = new Y.Doc();
		store.append('a', updateSetting('k1', 'v1', source));
		const upTo = store.append('a', updateSetting('k2', 'v2', source));
		store.append('a', updateSetting('k3', 'v3', source));
		expect(compactStored(store, 'a', upTo)).toMatchObject({ folded: 2 });
		expect(store.countUpdates('a')).toBe(1);
		const snapshot = new Y.Doc();
		Y.applyUpdate(snapshot, store.load('a').snapshot!);
		expect(snapshot.getMap('m').toJSON()).toEqual({ k1: 'v1', k2: 'v2' });
		expect(loadBoardDoc(store, 'a').doc.getMap('m').toJSON()).toEqual({
			k1: 'v1',
			k2: 'v2',
			k3: 'v3'
		});
		// Nothing left up to that id: nothing to do.
		expect(compactStored(store, 'a', upTo)).toBeNull();
	});

	it('keeps boards apart', () => {
		const store = makeStore();
		store.append('a', updateSetting('only', 'a'));
		store.append('b', updateSetting('only', 'b'));
		expect(loadBoardDoc(store, 'b').doc.getMap('m').get('only')).toBe('b');
		expect(store.countUpdates('a')).toBe(1);
	});

	it('edits a stored board by appending exactly what changed', () => {
		const store = makeStore();
		store.append('a', updateSetting('kept', 'yes'));
		editStoredBoard(store, 'a', (doc) => doc.getMap('m').set('added', 'too'));
		expect(store.countUpdates('a')).toBe(2);
		expect(loadBoardDoc(store, 'a').doc.getMap('m').toJSON()).toEqual({
			kept: 'yes',
			added: 'too'
		});
	});

	it('refuses to load a board with a corrupt log entry instead of returning part of it', () => {
		const store = makeStore();
		store.append('a', updateSetting('good', 'yes'));
		store.append('a', Uint8Array.of(1, 2, 3, 4, 5));
		expect(() => loadBoardDoc(store, 'a')).toThrow(/could not be loaded/);
	});
});
