/**
 * Coverage at a glance: how many actions each pillar has in each status, which pillars have no
 * agreed action yet, and which partners lead nothing. A partnership reads gaps here before it
 * agrees the plan.
 */
import { ACTION_STATUSES, type Action, type ActionStatus } from './actions.ts';
import type { Partner } from './board-doc.ts';
import { leadStatus } from './lead-acceptance.ts';
import type { Pillar } from './pillars.ts';

export interface PillarCoverage {
	pillar: Pillar;
	/** Actions whose main pillar this is, per status. */
	byStatus: Record<ActionStatus, number>;
	total: number;
	agreed: number;
}

export interface Coverage {
	pillars: PillarCoverage[];
	/** Total per status across the pillars shown. */
	totals: Record<ActionStatus, number>;
	/** Pillars with no agreed action. */
	pillarsWithoutAgreed: Pillar[];
	/** Partners that lead no action (a declined lead does not count as leading). */
	partnersWithoutLead: Partner[];
}

function zeroes(): Record<ActionStatus, number> {
	return Object.fromEntries(ACTION_STATUSES.map((status) => [status, 0])) as Record<
		ActionStatus,
		number
	>;
}

/** The coverage of a plan. */
export function planCoverage(pillars: Pillar[], partners: Partner[], actions: Action[]): Coverage {
	const totals = zeroes();
	const rows = pillars.map((pillar) => {
		const own = actions.filter((action) => action.pillar === pillar.key);
		const byStatus = zeroes();
		for (const action of own) {
			byStatus[action.status]++;
			totals[action.status]++;
		}
		const agreed = own.filter((action) => action.approval === 'agreed').length;
		return { pillar, byStatus, total: own.length, agreed };
	});
	const leading = new Set(
		actions
			.filter((action) => action.lead && leadStatus(action) !== 'declined')
			.map((action) => action.lead)
	);
	return {
		pillars: rows,
		totals,
		pillarsWithoutAgreed: rows.filter((row) => row.agreed === 0).map((row) => row.pillar),
		partnersWithoutLead: partners.filter((partner) => !leading.has(partner.id))
	};
}
