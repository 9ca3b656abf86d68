import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { initBoard, listPillars } from '../board/board-doc.ts';
import { readLocks, setLaneLock } from '../board/facilitation.ts';
import { MemoryBoardStore } from './board-store.ts';
import { readBoard } from './board-replicas.ts';
import { provideLiveBoards } from './live-boards.ts';

const withdrawals: (() => void)[] = [];
afterEach(() => withdrawals.splice(0).forEach((withdraw) => withdraw()));

/** A board "loaded in a room": a live document the bridge serves, recording what it was asked. */
function liveBoard(workshopId: string) {
	const doc = new Y.Doc();
	initBoard(doc, { title: 'T', place: 'P', preset: 'cles' });
	const asked: (Uint8Array | undefined)[] = [];
	withdrawals.push(
		provideLiveBoards({
			state: (id, since) => {
				if (id !== workshopId) return null;
				asked.push(since);
				return Y.encodeStateAsUpdate(doc, since);
			},
			change: () => false
		})
	);
	return { doc, asked };
}

describe('readBoard', () => {
	it('follows a live board, deletions included, asking only for what its copy lacks', () => {
		const { doc, asked } = liveBoard('w1');
		const store = new MemoryBoardStore();
		const lanes = () => readBoard(store, 'w1', (copy) => readLocks(copy).lanes);
		expect(lanes()).toEqual([]);
		setLaneLock(doc, 'land', true);
		expect(lanes()).toEqual(['land']);
		// Unlocking only deletes a key: nothing new in the state vector, yet the copy follows.
		setLaneLock(doc, 'land', false);
		expect(lanes()).toEqual([]);
		expect(asked[0]).toBeUndefined();
		expect(asked.slice(1).every((since) => since instanceof Uint8Array)).toBe(true);
	});

	it('reads a board no room has loaded from the store', () => {
		const store = new MemoryBoardStore();
		const doc = new Y.Doc();
		initBoard(doc, { title: 'T', place: 'P', preset: 'scotland' });
		store.append('w2', Y.encodeStateAsUpdate(doc));
		const labels = readBoard(store, 'w2', (copy) => listPillars(copy).map((p) => p.label));
		expect(labels[0]).toBe('Spending');
	});
});
