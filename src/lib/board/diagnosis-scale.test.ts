import { describe, expect, it } from 'vitest';
import {
	DEFAULT_SCALE,
	MAX_NOTE_LENGTH,
	cleanNote,
	cleanScale,
	describeScale,
	scalePoints,
	scalePosition,
	scaleProblem,
	scoreProblem
} from './diagnosis-scale.ts';

describe('the diagnosis scale', () => {
	it('starts at 1 to 5, from "Just starting" to "Leading"', () => {
		expect(scaleProblem(DEFAULT_SCALE)).toBeNull();
		expect(scalePoints(DEFAULT_SCALE)).toEqual([1, 2, 3, 4, 5]);
		expect(describeScale(DEFAULT_SCALE)).toBe('1 (Just starting) to 5 (Leading)');
	});

	it('accepts any whole-number range within 0 to 10, with or without words for the ends', () => {
		expect(scaleProblem({ min: 0, max: 10, minLabel: '', maxLabel: '' })).toBeNull();
		expect(scaleProblem({ min: 1, max: 2, minLabel: 'No', maxLabel: 'Yes' })).toBeNull();
		expect(describeScale({ min: 0, max: 3, minLabel: '', maxLabel: 'Fully' })).toBe(
			'0 to 3 (Fully)'
		);
	});

	it('refuses fractions, ranges outside 0 to 10, empty or upside-down ranges, and long words', () => {
		const scale = (fields: Partial<typeof DEFAULT_SCALE>) => ({ ...DEFAULT_SCALE, ...fields });
		expect(scaleProblem(scale({ max: 4.5 }))).toMatch(/whole numbers/);
		expect(scaleProblem(scale({ min: Number.NaN }))).toMatch(/whole numbers/);
		expect(scaleProblem(scale({ min: -1 }))).toMatch(/between 0 and 10/);
		expect(scaleProblem(scale({ max: 11 }))).toMatch(/between 0 and 10/);
		expect(scaleProblem(scale({ min: 3, max: 3 }))).toMatch(/above the lowest/);
		expect(scaleProblem(scale({ min: 5, max: 1 }))).toMatch(/above the lowest/);
		expect(scaleProblem(scale({ maxLabel: 'x'.repeat(41) }))).toMatch(/at most 40/);
	});

	it('tidies the words for the ends onto one trimmed line', () => {
		expect(cleanScale({ ...DEFAULT_SCALE, minLabel: '  Just \n starting ' }).minLabel).toBe(
			'Just starting'
		);
	});

	it('takes only whole-number scores on the scale', () => {
		expect(scoreProblem(DEFAULT_SCALE, 1)).toBeNull();
		expect(scoreProblem(DEFAULT_SCALE, 5)).toBeNull();
		for (const bad of [0, 6, 2.5, '3', null, undefined, Number.POSITIVE_INFINITY]) {
			expect(scoreProblem(DEFAULT_SCALE, bad)).toBe('Scores are whole numbers from 1 to 5.');
		}
	});

	it('places scores between 0 and 1 along the scale', () => {
		expect(scalePosition(DEFAULT_SCALE, 1)).toBe(0);
		expect(scalePosition(DEFAULT_SCALE, 3)).toBe(0.5);
		expect(scalePosition(DEFAULT_SCALE, 5)).toBe(1);
		expect(scalePosition(DEFAULT_SCALE, 9)).toBe(1);
	});

	it('trims evidence notes and cuts them at the longest length kept', () => {
		expect(cleanNote('  Spend data for 2024  ')).toBe('Spend data for 2024');
		expect(cleanNote('x'.repeat(MAX_NOTE_LENGTH + 20))).toHaveLength(MAX_NOTE_LENGTH);
	});
});
