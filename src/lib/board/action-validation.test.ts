import { describe, expect, it } from 'vitest';
import {
	checkDateOrder,
	readCost,
	readDate,
	readFigure,
	readTargetDate,
	readYear
} from './action-validation.ts';

describe('reading action fields', () => {
	it('reads figures as people write them, for each unit', () => {
		expect(readFigure('25', '%', 'target')).toEqual({ ok: true, value: 25 });
		expect(readFigure('25%', '%', 'target')).toEqual({ ok: true, value: 25 });
		expect(readFigure('£20,000,000', '£', 'target')).toEqual({ ok: true, value: 20_000_000 });
		expect(readFigure('4.5 ha', 'ha', 'baseline')).toEqual({ ok: true, value: 4.5 });
		expect(readFigure('1,500', 'count', 'target')).toEqual({ ok: true, value: 1500 });
		expect(readFigure('  ', 'count', 'target')).toEqual({ ok: true, value: null });
	});

	it('refuses a target that is not a number with a sentence naming the unit', () => {
		expect(readFigure('about thirty', '%', 'target')).toEqual({
			ok: false,
			message: 'The target must be a number: a percentage, e.g. 25.'
		});
		expect(readFigure('25-30', '£', 'baseline')).toMatchObject({ ok: false });
		expect(readFigure('2.5', 'count', 'target')).toEqual({
			ok: false,
			message: 'The target is a count, so it must be a whole number, e.g. 120.'
		});
		expect(readFigure('-3', 'ha', 'target')).toEqual({
			ok: false,
			message: 'The target cannot be below zero.'
		});
		expect(readFigure('-3', '%', 'target')).toEqual({ ok: true, value: -3 });
	});

	it('reads costs, dates, years and target dates', () => {
		expect(readCost('£12,500')).toEqual({ ok: true, value: 12_500 });
		expect(readCost('a lot')).toMatchObject({ ok: false });
		expect(readDate('2026-04-01', 'start date')).toEqual({ ok: true, value: '2026-04-01' });
		expect(readDate('2026-06-31', 'start date')).toEqual({
			ok: false,
			message: 'The start date must be a date written as YYYY-MM-DD, e.g. 2026-04-01.'
		});
		expect(readYear('2024/25')).toEqual({ ok: true, value: '2024/25' });
		expect(readYear('last year')).toMatchObject({ ok: false });
		expect(readTargetDate('2028')).toEqual({ ok: true, value: '2028' });
		expect(readTargetDate('2028-03-31')).toEqual({ ok: true, value: '2028-03-31' });
		expect(readTargetDate('soon')).toMatchObject({ ok: false });
	});

	it('refuses an end date before the start date', () => {
		expect(checkDateOrder('2026-04-01', '2026-03-31')).toBe(
			'The end date cannot be before the start date (2026-04-01).'
		);
		expect(checkDateOrder('2026-04-01', '2026-04-01')).toBeNull();
		expect(checkDateOrder(null, '2026-03-31')).toBeNull();
	});
});
