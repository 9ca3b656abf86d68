import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addAction, getAction } from './actions.ts';
import {
	addIndicator,
	removeIndicator,
	setActionText,
	setActionValues,
	setIndicatorText,
	setIndicatorValues,
	setListMember
} from './action-edit.ts';
import { initBoard } from './board-doc.ts';

function pair(): [Y.Doc, Y.Doc] {
	const a = new Y.Doc();
	initBoard(a, { title: 'T', place: 'P', preset: 'cles' });
	const b = new Y.Doc();
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
	return [a, b];
}

function sync(a: Y.Doc, b: Y.Doc): void {
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
	Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe('editing actions', () => {
	it('keeps concurrent edits to different fields of the same action', () => {
		const [a, b] = pair();
		const id = addAction(a, { pillar: 'spend', title: 'Spend analysis' });
		sync(a, b);
		setActionValues(a, id, { status: 'in-progress' });
		setActionValues(b, id, { rag: 'green', timescale: 'long' });
		sync(a, b);
		for (const doc of [a, b]) {
			expect(getAction(doc, id)).toMatchObject({
				status: 'in-progress',
				rag: 'green',
				timescale: 'long'
			});
		}
	});

	it('merges concurrent typing in one description', () => {
		const [a, b] = pair();
		const id = addAction(a, { pillar: 'spend', title: 'T', description: 'Analyse spend.' });
		sync(a, b);
		setActionText(a, id, 'description', 'Analyse spend. With the NHS.');
		setActionText(b, id, 'description', 'First, analyse spend.');
		sync(a, b);
		expect(getAction(a, id)!.description).toBe('First, analyse spend. With the NHS.');
		expect(getAction(b, id)!.description).toBe(getAction(a, id)!.description);
	});

	it('refuses an end date before the start and stores nothing', () => {
		const [a] = pair();
		const id = addAction(a, { pillar: 'spend', startDate: '2026-04-01' });
		expect(setActionValues(a, id, { endDate: '2026-03-01' })).toEqual({
			ok: false,
			message: 'The end date cannot be before the start date (2026-04-01).'
		});
		expect(getAction(a, id)!.endDate).toBeNull();
	});

	it('adds supporting partners item by item, and the lead does not support itself', () => {
		const [a, b] = pair();
		const id = addAction(a, { pillar: 'spend' });
		sync(a, b);
		setListMember(a, id, 'supporting', 'p1', true);
		setListMember(b, id, 'supporting', 'p2', true);
		sync(a, b);
		expect(getAction(a, id)!.supporting.sort()).toEqual(['p1', 'p2']);
		setActionValues(a, id, { lead: 'p1' });
		expect(getAction(a, id)!.supporting).toEqual(['p2']);
	});

	it('edits indicators by id and refuses a unit the figures do not suit', () => {
		const [a] = pair();
		const id = addAction(a, { pillar: 'spend' });
		const indicator = addIndicator(a, id, { name: 'Jobs', unit: '%', baseline: 2.5 })!;
		setIndicatorText(a, id, indicator, 'name', 'Local jobs');
		expect(setIndicatorValues(a, id, indicator, { target: 10 })).toEqual({ ok: true });
		expect(setIndicatorValues(a, id, indicator, { unit: 'count' })).toEqual({
			ok: false,
			message: 'The baseline is a count, so it must be a whole number, e.g. 120.'
		});
		expect(getAction(a, id)!.indicators[0]).toMatchObject({
			name: 'Local jobs',
			unit: '%',
			baseline: 2.5,
			target: 10
		});
		removeIndicator(a, id, indicator);
		expect(getAction(a, id)!.indicators).toEqual([]);
	});

	it('reads an older record whose text fields and indicators are plain values', () => {
		const [a] = pair();
		const record = new Y.Map<unknown>(
			Object.entries({
				id: 'old',
				ref: 'SP-01',
				title: 'Plain title',
				pillar: 'spend',
				indicators: Y.Array.from([new Y.Map<unknown>(Object.entries({ name: 'Old', unit: 'ha' }))])
			})
		);
		a.getMap('actions').set('old', record);
		const action = getAction(a, 'old')!;
		expect(action).toMatchObject({ title: 'Plain title', status: 'not-started', leadAnswer: null });
		expect(action.indicators[0]).toMatchObject({ id: 'i0', name: 'Old', unit: 'ha' });
		setActionText(a, 'old', 'title', 'Plain title, now shared');
		setIndicatorText(a, 'old', 'i0', 'name', 'Older');
		expect(getAction(a, 'old')!.title).toBe('Plain title, now shared');
		expect(getAction(a, 'old')!.indicators[0].name).toBe('Older');
	});
});
