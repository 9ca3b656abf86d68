/** Times on the versions pages, in UK time as the workshop's people read them. */
export function formatWhen(ms: number): string {
	return new Date(ms).toLocaleString('en-GB', {
		day: 'numeric',
		month: 'short',
		year: 'numeric',
		hour: '2-digit',
		minute: '2-digit',
		timeZone: 'Europe/London'
	});
}

/** The first 12 hex digits of a hash: enough to compare by eye; the whole one is in the title. */
export function shortHash(hash: string): string {
	return hash.slice(0, 12);
}

/** What kind of version this is, in words. */
export const KIND_LABELS: Record<string, string> = {
	named: 'Saved',
	session: 'End of session',
	hourly: 'Hourly',
	'before-restore': 'Before restore',
	proposed: 'Proposed'
};
