import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addAction, deleteAction, getAction, listActions } from './actions.ts';
import { setActionValues } from './action-edit.ts';
import { REFS_ROOT, assignActionRefs, formatRef, parseRef } from './action-refs.ts';
import { initBoard } from './board-doc.ts';

function newBoard(): Y.Doc {
	const doc = new Y.Doc();
	initBoard(doc, { title: 'T', place: 'P', preset: 'cles' });
	return doc;
}

const refOf = (doc: Y.Doc, id: string) => getAction(doc, id)?.ref;

describe('action refs', () => {
	it('reads and writes refs with the pillar prefix and two digits at least', () => {
		expect(formatRef('SP', 3)).toBe('SP-03');
		expect(formatRef('WF', 112)).toBe('WF-112');
		expect(parseRef('SP-07')).toEqual({ prefix: 'SP', number: 7 });
		expect(parseRef('banana')).toBeNull();
	});

	it('gives each new action the next number of its own pillar, oldest first', () => {
		const doc = newBoard();
		const a = addAction(doc, { pillar: 'spend', title: 'A' });
		const b = addAction(doc, { pillar: 'workforce', title: 'B' });
		const c = addAction(doc, { pillar: 'spend', title: 'C' });
		// Created in the same millisecond: order them by age explicitly.
		doc.getMap<Y.Map<unknown>>('actions').get(a)!.set('createdAt', 1);
		doc.getMap<Y.Map<unknown>>('actions').get(c)!.set('createdAt', 3);
		const given = assignActionRefs(doc);
		expect(given.size).toBe(3);
		expect([refOf(doc, a), refOf(doc, b), refOf(doc, c)]).toEqual(['SP-01', 'WF-01', 'SP-02']);
	});

	it('is idempotent: a second call writes nothing', () => {
		const doc = newBoard();
		addAction(doc, { pillar: 'spend', title: 'A' });
		assignActionRefs(doc);
		const updates: Uint8Array[] = [];
		doc.on('update', (update: Uint8Array) => updates.push(update));
		expect(assignActionRefs(doc).size).toBe(0);
		expect(updates).toHaveLength(0);
	});

	it('never gives a deleted action’s ref to another action', () => {
		const doc = newBoard();
		const a = addAction(doc, { pillar: 'spend', title: 'A' });
		assignActionRefs(doc);
		const b = addAction(doc, { pillar: 'spend', title: 'B' });
		assignActionRefs(doc);
		deleteAction(doc, b);
		const c = addAction(doc, { pillar: 'spend', title: 'C' });
		assignActionRefs(doc);
		expect(refOf(doc, a)).toBe('SP-01');
		expect(refOf(doc, c)).toBe('SP-03');
	});

	it('never renumbers: an action moved to another pillar keeps its ref', () => {
		const doc = newBoard();
		const a = addAction(doc, { pillar: 'spend', title: 'A' });
		assignActionRefs(doc);
		setActionValues(doc, a, { pillar: 'workforce' });
		assignActionRefs(doc);
		expect(refOf(doc, a)).toBe('SP-01');
		const b = addAction(doc, { pillar: 'workforce', title: 'B' });
		assignActionRefs(doc);
		expect(refOf(doc, b)).toBe('WF-01');
	});

	it('keeps refs an import wrote and counts on from the highest', () => {
		const doc = newBoard();
		const imported = addAction(doc, { ref: 'SP-07', pillar: 'spend', title: 'Imported' });
		const fresh = addAction(doc, { pillar: 'spend', title: 'New' });
		assignActionRefs(doc);
		expect(refOf(doc, imported)).toBe('SP-07');
		expect(refOf(doc, fresh)).toBe('SP-08');
		expect(doc.getMap(REFS_ROOT).get('SP-07')).toBe(imported);
	});

	it('gives a fresh ref to an action that copied a ref someone else holds', () => {
		const doc = newBoard();
		const first = addAction(doc, { pillar: 'spend', title: 'First' });
		assignActionRefs(doc);
		const copy = addAction(doc, { ref: 'SP-01', pillar: 'spend', title: 'Copy' });
		assignActionRefs(doc);
		expect(refOf(doc, first)).toBe('SP-01');
		expect(refOf(doc, copy)).toBe('SP-02');
	});

	it('makes concurrent offline additions unique once the server has seen them all', () => {
		const server = newBoard();
		const replicas = [0, 1, 2].map(() => {
			const doc = new Y.Doc();
			Y.applyUpdate(doc, Y.encodeStateAsUpdate(server));
			return doc;
		});
		replicas.forEach((doc, i) => {
			addAction(doc, { pillar: 'land', title: `Offline ${i}` });
			addAction(doc, { pillar: 'land', title: `Offline ${i}b` });
		});
		for (const doc of replicas) {
			Y.applyUpdate(server, Y.encodeStateAsUpdate(doc));
			assignActionRefs(server);
		}
		const refs = listActions(server).map((action) => action.ref);
		expect(new Set(refs).size).toBe(6);
		expect(refs.sort()).toEqual(['LP-01', 'LP-02', 'LP-03', 'LP-04', 'LP-05', 'LP-06']);
	});

	it('uses a custom pillar’s prefix, or one made from its key', () => {
		const doc = newBoard();
		const a = addAction(doc, { pillar: 'democracy', title: 'Unknown pillar' });
		assignActionRefs(doc);
		expect(refOf(doc, a)).toBe('DE-01');
	});
});
