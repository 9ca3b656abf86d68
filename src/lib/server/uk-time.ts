/**
 * Dates as the workshops we serve (UK councils) read them: in UK time, whatever the server's own
 * time zone, and the last moment of a UK calendar day, for links that work "until" a date.
 */
import { formatDateTime } from '../components/relative-time.ts';

/** The time zone dates are shown and days end in. */
const UK_TIME_ZONE = 'Europe/London';
const HOUR_IN_MS = 60 * 60 * 1000;

const dayFormat = new Intl.DateTimeFormat('en-GB', {
	day: 'numeric',
	month: 'short',
	year: 'numeric',
	timeZone: UK_TIME_ZONE
});
const hourFormat = new Intl.DateTimeFormat('en-GB', {
	hour: 'numeric',
	hourCycle: 'h23',
	timeZone: UK_TIME_ZONE
});

/** A moment as a day, e.g. "30 Nov 2026". */
export function formatDay(ms: number): string {
	return dayFormat.format(new Date(ms));
}

/** A moment to the minute, e.g. "30 Nov 2026, 14:05". */
export function formatMoment(ms: number): string {
	return formatDateTime(ms, UK_TIME_ZONE);
}

/** The last millisecond of a calendar day (`YYYY-MM-DD`) in the UK, or null for no such day. */
export function endOfDay(isoDate: string): number | null {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
	if (!match) return null;
	const [year, month, day] = match.slice(1).map(Number);
	const date = new Date(Date.UTC(year, month - 1, day));
	if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1) return null;
	const nextMidnightUtc = Date.UTC(year, month - 1, day + 1);
	// The UK clock is on UTC or one hour ahead of it: its midnight comes that much earlier.
	const ukHour = Number(hourFormat.format(new Date(nextMidnightUtc)));
	return nextMidnightUtc - ukHour * HOUR_IN_MS - 1;
}
