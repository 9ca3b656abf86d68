import { describe, expect, it } from 'vitest';
import type { Partner } from './board-doc.ts';
import { DEFAULT_SCALE, scalePoints } from './diagnosis-scale.ts';
import {
	DARK_INK,
	HEAT_SHADES,
	UNSCORED_SHADE,
	buildHeatMap,
	contrastRatio,
	heatShade,
	inkFor
} from './heat-map.ts';
import { pillarsForPreset } from './pillars.ts';

const PILLARS = pillarsForPreset('cles');
const partner = (id: string, code: string): Partner => ({
	id,
	code,
	name: `${code} organisation`,
	type: 'other',
	colour: '#666666'
});
const COUNCIL = partner('kbc', 'KBC');
const TRUST = partner('kth', 'KTH');

describe('the heat map', () => {
	it('has a row per partner and a column per pillar, with each score, note and a shade', () => {
		const map = buildHeatMap(
			PILLARS,
			[COUNCIL, TRUST],
			[
				{ partnerId: 'kbc', pillar: 'spend', score: 5, note: '18% local spend' },
				{ partnerId: 'kbc', pillar: 'land', score: 1, note: '' },
				{ partnerId: 'kth', pillar: 'spend', score: 2, note: 'Starting a supplier list' }
			],
			DEFAULT_SCALE
		);
		expect(map.rows.map((row) => row.partner.code)).toEqual(['KBC', 'KTH']);
		expect(map.rows[0].cells.map((cell) => cell.score)).toEqual([5, null, 1, null, null]);
		expect(map.rows[0].cells[0]).toMatchObject({
			note: '18% local spend',
			background: HEAT_SHADES[4]
		});
		expect(map.rows[0].cells[2].background).toBe(HEAT_SHADES[0]);
		expect(map.rows[0].cells[1]).toMatchObject({
			background: UNSCORED_SHADE,
			foreground: DARK_INK
		});
		expect(map.averages).toEqual([3.5, null, 1, null, null]);
		expect(
			map.notes.map((note) => `${note.partner.code} ${note.pillar.key} ${note.score}`)
		).toEqual(['KBC spend 5', 'KTH spend 2']);
	});

	it('leaves out scores of partners or pillars no longer on the board', () => {
		const map = buildHeatMap(
			PILLARS.slice(0, 2),
			[COUNCIL],
			[
				{ partnerId: 'kbc', pillar: 'finance', score: 4, note: 'gone pillar' },
				{ partnerId: 'gone', pillar: 'spend', score: 4, note: 'gone partner' }
			],
			DEFAULT_SCALE
		);
		expect(map.rows).toHaveLength(1);
		expect(map.rows[0].cells.map((cell) => cell.score)).toEqual([null, null]);
		expect(map.notes).toEqual([]);
	});

	it('shades by place on the scale, so a 1–3 scale runs from the lightest shade to the deepest', () => {
		const scale = { min: 1, max: 3, minLabel: '', maxLabel: '' };
		const map = buildHeatMap(
			PILLARS.slice(0, 1),
			[COUNCIL, TRUST],
			[
				{ partnerId: 'kbc', pillar: 'spend', score: 1, note: '' },
				{ partnerId: 'kth', pillar: 'spend', score: 3, note: '' }
			],
			scale
		);
		expect(map.rows.map((row) => row.cells[0].background)).toEqual([
			HEAT_SHADES[0],
			HEAT_SHADES[4]
		]);
		expect(heatShade(0.5)).toBe(HEAT_SHADES[2]);
	});

	it('writes every score in an ink with at least 4.5:1 contrast on its shade', () => {
		for (const scale of [DEFAULT_SCALE, { min: 0, max: 10, minLabel: '', maxLabel: '' }]) {
			const scores = scalePoints(scale).map((score, i) => ({
				partnerId: `p${i}`,
				pillar: 'spend',
				score,
				note: ''
			}));
			const partners = scores.map((score) => partner(score.partnerId, score.partnerId));
			const map = buildHeatMap(PILLARS.slice(0, 1), partners, scores, scale);
			for (const row of map.rows) {
				const [cell] = row.cells;
				expect(contrastRatio(cell.background, cell.foreground)).toBeGreaterThanOrEqual(4.5);
			}
		}
		for (let step = 0; step <= 100; step++) {
			const shade = heatShade(step / 100);
			expect(contrastRatio(shade, inkFor(shade))).toBeGreaterThanOrEqual(4.5);
		}
	});
});
