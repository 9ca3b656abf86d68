import { describe, expect, it } from 'vitest';
import { endOfDay, formatDay, formatMoment } from './uk-time.ts';

describe('endOfDay and formatDay', () => {
	it('ends a winter day at midnight UTC and a summer day at midnight British Summer Time', () => {
		expect(endOfDay('2026-11-30')).toBe(Date.UTC(2026, 11, 1) - 1);
		expect(endOfDay('2026-07-14')).toBe(Date.UTC(2026, 6, 14, 23) - 1);
		expect(formatDay(endOfDay('2026-07-14')!)).toBe('14 Jul 2026');
	});

	it('refuses dates that do not exist', () => {
		expect(endOfDay('2026-02-30')).toBeNull();
		expect(endOfDay('30/11/2026')).toBeNull();
		expect(endOfDay('')).toBeNull();
	});
});

describe('formatMoment', () => {
	it('shows a moment to the minute in UK time, without naming the time zone', () => {
		expect(formatMoment(Date.UTC(2026, 10, 30, 14, 5))).toBe('30 Nov 2026, 14:05');
		expect(formatMoment(Date.UTC(2026, 6, 14, 13, 5))).toBe('14 Jul 2026, 14:05');
	});
});
