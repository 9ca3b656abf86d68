import { describe, expect, it } from 'vitest';
import {
	formatFigure,
	formatIndicatorRange,
	formatRag,
	formatTimescale,
	MISSING_FIGURE
} from './format.ts';

describe('formatTimescale', () => {
	it('names each timescale with the period it stands for', () => {
		expect(formatTimescale('short')).toBe('Short — under 12 months');
		expect(formatTimescale('medium')).toBe('Medium — 1 to 3 years');
		expect(formatTimescale('long')).toBe('Long — 3 years or more');
	});

	it('says "Not set" when an action has no timescale yet', () => {
		expect(formatTimescale(null)).toBe('Not set');
	});
});

describe('formatRag', () => {
	it('gives every rating as a word so that it never rests on colour alone', () => {
		expect([formatRag('red'), formatRag('amber'), formatRag('green')]).toEqual([
			'Red',
			'Amber',
			'Green'
		]);
	});

	it('says "Not rated" when an action has no rating', () => {
		expect(formatRag(null)).toBe('Not rated');
	});
});

describe('formatFigure', () => {
	it('writes percentages with the sign straight after the number', () => {
		expect(formatFigure(9, '%')).toBe('9%');
		expect(formatFigure(12.5, '%')).toBe('12.5%');
	});

	it('writes money in pounds with thousands separators and no pence when there are none', () => {
		expect(formatFigure(20_000_000, '£')).toBe('£20,000,000');
		expect(formatFigure(0, '£')).toBe('£0');
	});

	it('writes pence as two digits when a sum has them', () => {
		expect(formatFigure(1250.5, '£')).toBe('£1,250.50');
	});

	it('puts the minus sign before the pound sign for a negative sum', () => {
		expect(formatFigure(-500, '£')).toBe('−£500');
	});

	it('writes counts as plain grouped numbers', () => {
		expect(formatFigure(6, 'count')).toBe('6');
		expect(formatFigure(1500, 'count')).toBe('1,500');
	});

	it('writes land areas in hectares', () => {
		expect(formatFigure(4, 'ha')).toBe('4 ha');
		expect(formatFigure(2.25, 'ha')).toBe('2.25 ha');
	});

	it('shows a question mark for a missing or non-finite figure', () => {
		expect(formatFigure(null, '%')).toBe(MISSING_FIGURE);
		expect(formatFigure(Number.NaN, 'count')).toBe(MISSING_FIGURE);
	});
});

describe('formatIndicatorRange', () => {
	it('shows the movement from baseline to target with units on both ends', () => {
		expect(formatIndicatorRange({ unit: '%', baseline: 9, target: 25 })).toBe('9% → 25%');
		expect(formatIndicatorRange({ unit: '£', baseline: 0, target: 20_000_000 })).toBe(
			'£0 → £20,000,000'
		);
		expect(formatIndicatorRange({ unit: 'count', baseline: 0, target: 6 })).toBe('0 → 6');
	});

	it('marks a missing baseline or target with a question mark', () => {
		expect(formatIndicatorRange({ unit: 'count', baseline: null, target: 6 })).toBe('? → 6');
		expect(formatIndicatorRange({ unit: 'ha', baseline: 1, target: null })).toBe('1 ha → ?');
	});

	it('is empty when neither baseline nor target is set', () => {
		expect(formatIndicatorRange({ unit: '%', baseline: null, target: null })).toBe('');
	});
});
