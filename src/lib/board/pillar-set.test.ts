import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { initBoard, listPillars, readMeta } from './board-doc.ts';
import { addCard, listCards } from './cards.ts';
import {
	addPillar,
	applyPillarPreset,
	movePillar,
	pillarKeyFor,
	pillarPrefixFor,
	removePillar,
	updatePillar
} from './pillar-set.ts';

function newBoard(): Y.Doc {
	const doc = new Y.Doc();
	initBoard(doc, { title: 'T', place: 'P', preset: 'cles' });
	return doc;
}

const keys = (doc: Y.Doc) => listPillars(doc).map((pillar) => pillar.key);

describe('pillar set', () => {
	it('makes a stable, unique key and a fresh prefix from a new pillar label', () => {
		expect(pillarKeyFor('Democratising the local economy!', [])).toBe('democratising-the-local');
		expect(pillarKeyFor('Spend', ['spend', 'spend-2'])).toBe('spend-3');
		expect(pillarKeyFor('✨', [])).toBe('pillar');
		expect(pillarPrefixFor('Democratising the economy', ['SP'])).toBe('DT');
		expect(pillarPrefixFor('Spend more', ['SM', 'SP'])).toBe('SE');
	});

	it('adds a sixth cross-cutting pillar at the end of the lanes', () => {
		const doc = newBoard();
		const result = addPillar(doc, {
			label: 'Democratising the local economy',
			meaning: 'Cross-cutting: residents shape decisions.',
			colour: '#0F7C80'
		});
		expect(result).toEqual({ ok: true, key: 'democratising-the-local' });
		expect(listPillars(doc).at(-1)).toMatchObject({
			label: 'Democratising the local economy',
			colour: '#0f7c80',
			order: 5,
			prefix: 'DT'
		});
	});

	it('refuses a pillar without a name or with a colour that is not #rrggbb, in a sentence', () => {
		const doc = newBoard();
		expect(addPillar(doc, { label: '  ', meaning: '', colour: '#123456' })).toEqual({
			ok: false,
			message: 'A pillar needs a name.'
		});
		const bad = updatePillar(doc, 'spend', { colour: 'blue' });
		expect(bad.ok).toBe(false);
		expect(listPillars(doc)).toHaveLength(5);
		expect(listPillars(doc)[0].colour).toBe('#2f6f8f');
	});

	it('renames and recolours a pillar without changing its key or prefix', () => {
		const doc = newBoard();
		updatePillar(doc, 'spend', { label: 'Buying local', colour: '#112233' });
		expect(listPillars(doc)[0]).toMatchObject({
			key: 'spend',
			label: 'Buying local',
			colour: '#112233',
			prefix: 'SP'
		});
	});

	it('reorders pillars and renumbers their order', () => {
		const doc = newBoard();
		movePillar(doc, 'finance', 0);
		expect(keys(doc)).toEqual(['finance', 'spend', 'workforce', 'land', 'ownership']);
		movePillar(doc, 'finance', 99);
		expect(keys(doc)).toEqual(['spend', 'workforce', 'land', 'ownership', 'finance']);
		expect(listPillars(doc).map((pillar) => pillar.order)).toEqual([0, 1, 2, 3, 4]);
	});

	it('removes a pillar and moves its cards below those of the chosen lane', () => {
		const doc = newBoard();
		addCard(doc, { pillar: 'spend', text: 'kept in spend' });
		addCard(doc, { pillar: 'land', text: 'from land' });
		expect(removePillar(doc, 'land', { action: 'move', to: 'spend' }).ok).toBe(true);
		expect(keys(doc)).not.toContain('land');
		const cards = listCards(doc);
		expect(cards.map((card) => [card.text, card.pillar])).toEqual([
			['kept in spend', 'spend'],
			['from land', 'spend']
		]);
		expect(cards[1].y).toBeGreaterThan(cards[0].y);
	});

	it('removes a pillar with its cards when asked, and refuses to remove the last one', () => {
		const doc = newBoard();
		addCard(doc, { pillar: 'land', text: 'goes' });
		addCard(doc, { pillar: 'spend', text: 'stays' });
		removePillar(doc, 'land', { action: 'delete' });
		expect(listCards(doc).map((card) => card.text)).toEqual(['stays']);
		expect(removePillar(doc, 'spend', { action: 'move', to: 'spend' }).ok).toBe(false);
		for (const key of ['workforce', 'ownership', 'finance']) {
			removePillar(doc, key, { action: 'delete' });
		}
		expect(removePillar(doc, 'spend', { action: 'delete' })).toEqual({
			ok: false,
			message: 'A board needs at least one pillar.'
		});
	});

	it('switches preset wording, brings back removed preset pillars and keeps custom ones', () => {
		const doc = newBoard();
		addPillar(doc, { label: 'Democracy', meaning: '', colour: '#123456' });
		removePillar(doc, 'land', { action: 'delete' });
		applyPillarPreset(doc, 'scotland');
		expect(listPillars(doc).map((pillar) => pillar.label)).toEqual([
			'Spending',
			'Workforce',
			'Land and property',
			'Inclusive ownership',
			'Finance',
			'Democracy'
		]);
		expect(listPillars(doc).map((pillar) => pillar.prefix)).toEqual([
			'SP',
			'WF',
			'LP',
			'OW',
			'FI',
			'DE'
		]);
		expect(readMeta(doc).pillarPreset).toBe('scotland');
	});
});
