import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { listActions } from './actions.ts';
import { groupByPillar } from './plan-view.ts';
import { initBoard, listPartners, listPillars } from './board-doc.ts';
import { importPlan, parsePlanFile } from './plan-import.ts';
import { pillarsForPreset } from './pillars.ts';

const KEYS = pillarsForPreset('cles').map((p) => p.key);
const fixture = JSON.parse(
	fs.readFileSync(new URL('../../../server/demo/kestrelford.json', import.meta.url), 'utf8')
);

describe('plan import', () => {
	it('accepts the Kestrelford & Vale fixture', () => {
		const result = parsePlanFile(fixture, KEYS);
		expect(result.ok).toBe(true);
	});

	it('imports partners and actions with their leads, supporters and indicators', () => {
		const result = parsePlanFile(fixture, KEYS);
		if (!result.ok) throw new Error(result.errors.join(' '));
		const doc = new Y.Doc();
		initBoard(doc, { title: 'T', place: fixture.place, preset: 'cles' });
		importPlan(doc, result.plan);
		const partners = listPartners(doc);
		const actions = listActions(doc);
		expect(partners).toHaveLength(8);
		expect(actions).toHaveLength(15);
		const sp02 = actions.find((a) => a.ref === 'SP-02');
		const code = (id: string | null) => partners.find((p) => p.id === id)?.code;
		expect(code(sp02!.lead)).toBe('KTH');
		expect(sp02!.supporting.map(code)).toEqual(['KBC', 'VC']);
		expect(sp02!.indicators[0]).toMatchObject({
			name: 'Local share of food spend',
			unit: '%',
			baseline: 9,
			target: 25
		});
		expect(sp02).toMatchObject({ timescale: 'medium', rag: 'amber', approval: 'agreed' });
		expect(sp02!.leadAnswer).toMatchObject({ response: 'accepted', partnerId: sp02!.lead });
		expect(sp02!.indicators[0].source).toBe('Hospital catering spend data');
		const groups = groupByPillar(listPillars(doc), actions);
		expect(groups.map((g) => g.actions.length)).toEqual([3, 3, 3, 3, 3]);
		expect(groups[0].actions.map((a) => a.ref)).toEqual(['SP-01', 'SP-02', 'SP-03']);
	});

	it('reports every problem of a bad file as a sentence and accepts nothing', () => {
		const bad = {
			place: '',
			partners: [
				{ code: 'A', name: 'A', type: 'spaceship' },
				{ code: 'A', name: '', type: 'council' }
			],
			actions: [
				{ ref: 'X-1', pillar: 'moon', title: 'T', lead: 'Z', partners: ['A'], rag: 'purple' },
				{
					ref: 'X-2',
					pillar: 'spend',
					title: 'T',
					indicator: { name: 'n', unit: '%', target: 'lots' }
				}
			]
		};
		const result = parsePlanFile(bad, KEYS);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.errors).toEqual([
			'"place" must be a non-empty string.',
			'Partner 1 has an unknown type "spaceship".',
			'Partner 2 repeats the code "A".',
			'Partner 2 has no "name".',
			'Action 1 names an unknown pillar "moon".',
			'Action 1 names an unknown lead partner "Z".',
			'Action 1 has an unknown RAG rating "purple".',
			'Action 2 has an indicator whose baseline or target is not a number.'
		]);
	});

	it('refuses something that is not an object', () => {
		expect(parsePlanFile([1, 2], KEYS)).toEqual({
			ok: false,
			errors: ['The file is not a JSON object.']
		});
	});
});
