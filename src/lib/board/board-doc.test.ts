import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	BOARD_SCHEMA_VERSION,
	addPartner,
	initBoard,
	listPartners,
	listPillars,
	newId,
	observeBoard,
	readMeta
} from './board-doc.ts';
import { pillarsForPreset } from './pillars.ts';

function newBoard(preset: 'cles' | 'scotland' | 'democracy-collaborative' = 'cles'): Y.Doc {
	const doc = new Y.Doc();
	initBoard(doc, { title: 'Spring workshop', place: 'Kestrelford & Vale', preset });
	return doc;
}

describe('board document', () => {
	it('initialises meta with the schema version, title, place and preset', () => {
		expect(readMeta(newBoard('scotland'))).toEqual({
			schemaVersion: BOARD_SCHEMA_VERSION,
			title: 'Spring workshop',
			place: 'Kestrelford & Vale',
			pillarPreset: 'scotland'
		});
	});

	it('lays out the five pillars of the chosen preset in order, with stable keys', () => {
		const pillars = listPillars(newBoard('democracy-collaborative'));
		expect(pillars.map((p) => p.key)).toEqual([
			'spend',
			'workforce',
			'land',
			'ownership',
			'finance'
		]);
		expect(pillars[1].label).toBe('Fair work');
		expect(pillars.every((p) => p.meaning.length > 20 && /^#[0-9a-f]{6}$/.test(p.colour))).toBe(
			true
		);
	});

	it('uses the CLES labels by default and keeps the same keys across presets', () => {
		const cles = pillarsForPreset('cles');
		const scotland = pillarsForPreset('scotland');
		expect(cles[0].label).toBe('Progressive procurement of goods and services');
		expect(cles.map((p) => p.key)).toEqual(scotland.map((p) => p.key));
	});

	it('reads a pillar set written by another replica in the same order', () => {
		const a = newBoard();
		const b = new Y.Doc();
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		expect(listPillars(b)).toEqual(listPillars(a));
	});

	it('tolerates values of the wrong type written by a foreign client', () => {
		const doc = newBoard();
		doc.getMap('pillars').set('spend', 42 as never);
		doc.getMap('partners').set('x', new Y.Map());
		expect(listPillars(doc).map((p) => p.key)).not.toContain('spend');
		expect(listPartners(doc)).toEqual([
			{ id: 'x', code: '?', name: '', type: 'other', colour: '#666666' }
		]);
	});

	it('adds partners and lists them by code', () => {
		const doc = newBoard();
		addPartner(doc, { code: 'VC', name: 'Vale College', type: 'college', colour: '#123456' });
		const kbc = addPartner(doc, {
			code: 'KBC',
			name: 'Kestrelford Borough Council',
			type: 'council',
			colour: '#654321'
		});
		const partners = listPartners(doc);
		expect(partners.map((p) => p.code)).toEqual(['KBC', 'VC']);
		expect(partners[0].id).toBe(kbc);
	});

	it('makes 128-bit hex ids that do not repeat', () => {
		const ids = new Set(Array.from({ length: 1000 }, newId));
		expect(ids.size).toBe(1000);
		expect([...ids].every((id) => /^[0-9a-f]{32}$/.test(id))).toBe(true);
	});

	it('notifies observers of changes until unsubscribed', () => {
		const doc = newBoard();
		let calls = 0;
		const stop = observeBoard(doc, () => calls++);
		addPartner(doc, { code: 'RH', name: 'Riverstone Homes', type: 'housing', colour: '#000000' });
		stop();
		addPartner(doc, { code: 'VP', name: 'Vale Police', type: 'police', colour: '#000000' });
		expect(calls).toBe(1);
	});
});
