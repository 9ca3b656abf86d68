/** Lines every export prints about which version it shows. */
import type { PlanExport } from '../../board/plan-export.ts';

/** "Agreed version “Proposed for agreement”, saved 23 November 2026 · SHA-256 1a2b…" */
export function versionLine(plan: PlanExport): string {
	const { version } = plan;
	const date = new Date(version.savedAt).toLocaleString('en-GB', {
		dateStyle: 'long',
		timeStyle: 'short',
		timeZone: 'Europe/London'
	});
	const what =
		version.kind === 'current'
			? `Current state of the board, ${date}`
			: `${version.kind === 'agreed' ? 'Agreed version' : 'Version'} “${version.name}”, saved ${date}`;
	return version.hash ? `${what} · SHA-256 ${version.hash}` : what;
}

/** The workshop date in words, or ''. */
export function workshopDate(plan: PlanExport): string {
	if (!plan.workshop.date) return '';
	return new Date(plan.workshop.date).toLocaleDateString('en-GB', {
		dateStyle: 'long',
		timeZone: 'Europe/London'
	});
}
