/**
 * Times as people say them on the members and audit pages: "5 minutes ago", and a date-time
 * that reads the same on a projector in any browser ("23 Nov 2026, 15:57").
 */

const MINUTE_IN_MS = 60_000;
const HOUR_IN_MS = 60 * MINUTE_IN_MS;
const DAY_IN_MS = 24 * HOUR_IN_MS;
const WEEK_IN_MS = 7 * DAY_IN_MS;

const relative = new Intl.RelativeTimeFormat('en-GB', { numeric: 'auto' });

/** How long ago `then` was, as of `now`: "just now", "5 minutes ago", "yesterday", "3 weeks ago". */
export function formatRelativeTime(then: number, now: number): string {
	const elapsed = Math.max(0, now - then);
	if (elapsed < MINUTE_IN_MS) return 'just now';
	if (elapsed < HOUR_IN_MS) return relative.format(-Math.floor(elapsed / MINUTE_IN_MS), 'minute');
	if (elapsed < DAY_IN_MS) return relative.format(-Math.floor(elapsed / HOUR_IN_MS), 'hour');
	if (elapsed < WEEK_IN_MS) return relative.format(-Math.floor(elapsed / DAY_IN_MS), 'day');
	if (elapsed < 5 * WEEK_IN_MS) return relative.format(-Math.floor(elapsed / WEEK_IN_MS), 'week');
	return relative.format(-Math.floor(elapsed / (30 * DAY_IN_MS)), 'month');
}

/**
 * A date and time to the minute, in `timeZone` (the browser's own when undefined). The server
 * renders in UTC and says so; the browser then shows local time.
 */
export function formatDateTime(when: number, timeZone?: string): string {
	const text = new Intl.DateTimeFormat('en-GB', {
		day: 'numeric',
		month: 'short',
		year: 'numeric',
		hour: '2-digit',
		minute: '2-digit',
		timeZone
	}).format(when);
	return timeZone === 'UTC' ? `${text} UTC` : text;
}

/** An ISO timestamp for a `<time datetime>` attribute. */
export function isoDateTime(when: number): string {
	return new Date(when).toISOString();
}
