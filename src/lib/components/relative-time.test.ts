import { describe, expect, it } from 'vitest';
import { formatDateTime, formatRelativeTime } from './relative-time.ts';

const NOW = Date.UTC(2026, 10, 23, 15, 57);
const MINUTE = 60_000;

describe('relative times', () => {
	it('says "just now" for the last minute, and for a clock that runs a little behind', () => {
		expect(formatRelativeTime(NOW - 59_000, NOW)).toBe('just now');
		expect(formatRelativeTime(NOW + 5_000, NOW)).toBe('just now');
	});

	it('counts minutes, hours, days, weeks and months', () => {
		expect(formatRelativeTime(NOW - 5 * MINUTE, NOW)).toBe('5 minutes ago');
		expect(formatRelativeTime(NOW - 1 * MINUTE, NOW)).toBe('1 minute ago');
		expect(formatRelativeTime(NOW - 90 * MINUTE, NOW)).toBe('1 hour ago');
		expect(formatRelativeTime(NOW - 30 * 60 * MINUTE, NOW)).toBe('yesterday');
		expect(formatRelativeTime(NOW - 3 * 24 * 60 * MINUTE, NOW)).toBe('3 days ago');
		expect(formatRelativeTime(NOW - 15 * 24 * 60 * MINUTE, NOW)).toBe('2 weeks ago');
		expect(formatRelativeTime(NOW - 95 * 24 * 60 * MINUTE, NOW)).toBe('3 months ago');
	});
});

describe('date-times', () => {
	it('shows the day, month, year and time to the minute, and names UTC', () => {
		expect(formatDateTime(NOW, 'UTC')).toBe('23 Nov 2026, 15:57 UTC');
		expect(formatDateTime(NOW, 'Europe/London')).toBe('23 Nov 2026, 15:57');
	});
});
