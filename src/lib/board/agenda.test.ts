import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	DEFAULT_STAGES,
	addStage,
	listStages,
	moveStage,
	removeStage,
	setAgenda,
	updateStage,
	type Stage
} from './agenda.ts';
import { makeRecord } from './board-doc.ts';
import { KEY, root } from './facilitation-map.ts';

function stage(name: string, fields: Partial<Omit<Stage, 'id' | 'order'>> = {}) {
	return {
		name,
		minutes: 10,
		startTimer: true,
		privateMode: false,
		lockBoard: false,
		voting: false,
		...fields
	};
}

/** A document whose agenda is the stages named, in order; returns the doc and the ids. */
function agendaOf(...names: string[]): { doc: Y.Doc; ids: string[] } {
	const doc = new Y.Doc();
	const ids = setAgenda(
		doc,
		names.map((name) => stage(name))
	);
	return { doc, ids };
}

function namesOf(doc: Y.Doc): string[] {
	return listStages(doc).map((s) => s.name);
}

function ordersOf(doc: Y.Doc): number[] {
	return listStages(doc).map((s) => s.order);
}

/** Counts the updates a change makes to the document. */
function countUpdates(doc: Y.Doc, change: () => void): number {
	let updates = 0;
	const onUpdate = () => updates++;
	doc.on('update', onUpdate);
	change();
	doc.off('update', onUpdate);
	return updates;
}

describe('setAgenda', () => {
	it('writes the default run-sheet in order, numbering the stages from zero', () => {
		const doc = new Y.Doc();
		const ids = setAgenda(doc, DEFAULT_STAGES);
		const stages = listStages(doc);
		expect(stages.map((s) => s.name)).toEqual(DEFAULT_STAGES.map((s) => s.name));
		expect(stages.map((s) => s.id)).toEqual(ids);
		expect(stages.map((s) => s.order)).toEqual([0, 1, 2, 3, 4, 5, 6]);
		expect(stages[3]).toEqual({ ...DEFAULT_STAGES[3], id: ids[3], order: 3 });
	});

	it('replaces an earlier agenda and clears the current stage', () => {
		const { doc, ids } = agendaOf('Old');
		root(doc).set(KEY.stage, ids[0]);
		setAgenda(doc, [stage('New one'), stage('New two')]);
		expect(namesOf(doc)).toEqual(['New one', 'New two']);
		expect(root(doc).has(KEY.stage)).toBe(false);
	});

	it('gives every stage a fresh id each time it is called', () => {
		const doc = new Y.Doc();
		const first = setAgenda(doc, DEFAULT_STAGES);
		const second = setAgenda(doc, DEFAULT_STAGES);
		expect(new Set([...first, ...second]).size).toBe(first.length * 2);
	});
});

describe('addStage', () => {
	it('appends a stage after the last one', () => {
		const { doc } = agendaOf('Frame', 'Ideate');
		const id = addStage(doc, stage('Wrap up', { minutes: 5 }));
		const stages = listStages(doc);
		expect(stages.map((s) => s.name)).toEqual(['Frame', 'Ideate', 'Wrap up']);
		expect(stages[2]).toMatchObject({ id, order: 2, minutes: 5 });
	});

	it('starts an agenda at order zero on a board that has none', () => {
		const doc = new Y.Doc();
		addStage(doc, stage('Only'));
		expect(listStages(doc)).toMatchObject([{ name: 'Only', order: 0 }]);
	});

	it('appends after the highest order even when the orders have gaps', () => {
		const { doc, ids } = agendaOf('A', 'B', 'C');
		removeStage(doc, ids[1]);
		addStage(doc, stage('D'));
		expect(namesOf(doc)).toEqual(['A', 'C', 'D']);
		expect(ordersOf(doc)).toEqual([0, 2, 3]);
	});
});

describe('updateStage', () => {
	it('changes only the fields given and leaves the others as they were', () => {
		const { doc, ids } = agendaOf('Frame', 'Ideate');
		const before = listStages(doc)[1];
		expect(updateStage(doc, ids[1], { minutes: 25, privateMode: true })).toBe(true);
		expect(listStages(doc)[1]).toEqual({ ...before, minutes: 25, privateMode: true });
		expect(listStages(doc)[0].minutes).toBe(10);
	});

	it('skips fields given as undefined rather than clearing them', () => {
		const { doc, ids } = agendaOf('Frame');
		updateStage(doc, ids[0], { name: undefined, minutes: 3 });
		expect(listStages(doc)[0]).toMatchObject({ name: 'Frame', minutes: 3 });
	});

	it('returns false and writes nothing for a stage that is not on the agenda', () => {
		const { doc } = agendaOf('Frame');
		expect(countUpdates(doc, () => updateStage(doc, 'gone', { name: 'X' }))).toBe(0);
		expect(updateStage(doc, 'gone', { name: 'X' })).toBe(false);
		expect(namesOf(doc)).toEqual(['Frame']);
	});

	it('returns false and writes nothing on a board that has no agenda yet', () => {
		const doc = new Y.Doc();
		let result = true;
		expect(countUpdates(doc, () => (result = updateStage(doc, 'gone', { name: 'X' })))).toBe(0);
		expect(result).toBe(false);
		expect(root(doc).has(KEY.agenda)).toBe(false);
	});
});

describe('moveStage', () => {
	it('moves a stage one place up the agenda', () => {
		const { doc, ids } = agendaOf('A', 'B', 'C');
		moveStage(doc, ids[2], -1);
		expect(namesOf(doc)).toEqual(['A', 'C', 'B']);
		expect(ordersOf(doc)).toEqual([0, 1, 2]);
	});

	it('moves a stage one place down the agenda', () => {
		const { doc, ids } = agendaOf('A', 'B', 'C');
		moveStage(doc, ids[0], 1);
		expect(namesOf(doc)).toEqual(['B', 'A', 'C']);
		expect(ordersOf(doc)).toEqual([0, 1, 2]);
	});

	it('does nothing when the first stage is moved up or the last one down', () => {
		const { doc, ids } = agendaOf('A', 'B', 'C');
		const updates = countUpdates(doc, () => {
			moveStage(doc, ids[0], -1);
			moveStage(doc, ids[2], 1);
		});
		expect(updates).toBe(0);
		expect(namesOf(doc)).toEqual(['A', 'B', 'C']);
	});

	it('does nothing for a stage that is not on the agenda', () => {
		const { doc } = agendaOf('A', 'B');
		expect(countUpdates(doc, () => moveStage(doc, 'gone', 1))).toBe(0);
		expect(namesOf(doc)).toEqual(['A', 'B']);
	});

	it('numbers the stages 0 to n-1 again after a removal left a gap', () => {
		const { doc, ids } = agendaOf('A', 'B', 'C', 'D');
		removeStage(doc, ids[1]);
		moveStage(doc, ids[3], -1);
		expect(namesOf(doc)).toEqual(['A', 'D', 'C']);
		expect(ordersOf(doc)).toEqual([0, 1, 2]);
	});

	it('keeps the order 0 to n-1 through a series of moves', () => {
		const { doc, ids } = agendaOf('A', 'B', 'C', 'D', 'E');
		moveStage(doc, ids[4], -1);
		moveStage(doc, ids[4], -1);
		moveStage(doc, ids[0], 1);
		moveStage(doc, ids[2], 1);
		expect(namesOf(doc)).toEqual(['B', 'A', 'E', 'D', 'C']);
		expect(ordersOf(doc)).toEqual([0, 1, 2, 3, 4]);
	});
});

describe('removeStage', () => {
	it('removes the stage and keeps the rest in order', () => {
		const { doc, ids } = agendaOf('A', 'B', 'C');
		removeStage(doc, ids[1]);
		expect(namesOf(doc)).toEqual(['A', 'C']);
	});

	it('clears the current stage when the current stage is removed', () => {
		const { doc, ids } = agendaOf('A', 'B');
		root(doc).set(KEY.stage, ids[0]);
		removeStage(doc, ids[0]);
		expect(root(doc).has(KEY.stage)).toBe(false);
	});

	it('keeps the current stage when another stage is removed', () => {
		const { doc, ids } = agendaOf('A', 'B');
		root(doc).set(KEY.stage, ids[0]);
		removeStage(doc, ids[1]);
		expect(root(doc).get(KEY.stage)).toBe(ids[0]);
	});

	it('writes nothing on a board that has no agenda yet', () => {
		const doc = new Y.Doc();
		expect(countUpdates(doc, () => removeStage(doc, 'gone'))).toBe(0);
		expect(root(doc).has(KEY.agenda)).toBe(false);
	});
});

describe('listStages', () => {
	it('lists nothing for a board without an agenda', () => {
		expect(listStages(new Y.Doc())).toEqual([]);
	});

	it('breaks ties in order by id, so every replica lists the same sequence', () => {
		const doc = new Y.Doc();
		const agenda = new Y.Map<unknown>();
		root(doc).set(KEY.agenda, agenda);
		agenda.set('c', makeRecord({ name: 'Third', order: 1 }));
		agenda.set('b', makeRecord({ name: 'Second', order: 1 }));
		agenda.set('a', makeRecord({ name: 'First', order: 0 }));
		expect(listStages(doc).map((s) => s.id)).toEqual(['a', 'b', 'c']);
	});

	it('lists concurrent additions on two replicas in the same order on both', () => {
		const { doc: a } = agendaOf('Frame');
		const b = new Y.Doc();
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		addStage(a, stage('From A'));
		addStage(b, stage('From B'));
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
		expect(listStages(a)).toHaveLength(3);
		expect(listStages(a)).toEqual(listStages(b));
	});

	it('reads a garbled stage record with defaults instead of failing', () => {
		const doc = new Y.Doc();
		const agenda = new Y.Map<unknown>();
		root(doc).set(KEY.agenda, agenda);
		agenda.set(
			'odd',
			makeRecord({ name: 42, minutes: '15', order: 'first', startTimer: 'yes', voting: 1 })
		);
		expect(listStages(doc)).toEqual([
			{
				id: 'odd',
				name: 'Stage',
				minutes: 0,
				order: 0,
				startTimer: false,
				privateMode: false,
				lockBoard: false,
				voting: false
			}
		]);
	});

	it('reads negative or non-finite minutes as zero', () => {
		const doc = new Y.Doc();
		const agenda = new Y.Map<unknown>();
		root(doc).set(KEY.agenda, agenda);
		agenda.set('a', makeRecord({ name: 'Negative', minutes: -5, order: 0 }));
		agenda.set('b', makeRecord({ name: 'Endless', minutes: Infinity, order: 1 }));
		expect(listStages(doc).map((s) => s.minutes)).toEqual([0, 0]);
	});

	it('skips agenda entries that are not stage records, and an agenda that is not a map', () => {
		const doc = new Y.Doc();
		const agenda = new Y.Map<unknown>();
		root(doc).set(KEY.agenda, agenda);
		agenda.set('text', 'not a stage');
		agenda.set('real', makeRecord({ name: 'Real', order: 0 }));
		expect(namesOf(doc)).toEqual(['Real']);
		root(doc).set(KEY.agenda, 'not a map');
		expect(listStages(doc)).toEqual([]);
	});
});
