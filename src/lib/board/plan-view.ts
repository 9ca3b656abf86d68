/**
 * How the plan page arranges actions: grouped by pillar or by lead partner, filtered and sorted.
 * Pure, so that the page, exports and tests all agree on what "grouped by lead" means.
 */
import {
	ACTION_STATUSES,
	APPROVAL_STATES,
	RAG_RATINGS,
	compareActions,
	type Action,
	type ActionStatus,
	type ApprovalState,
	type RagRating
} from './actions.ts';
import type { Partner } from './board-doc.ts';
import type { Pillar } from './pillars.ts';

export type PlanGrouping = 'pillar' | 'lead';
export type PlanSort = 'ref' | 'status' | 'rag' | 'approval' | 'title';

/** What the plan shows; an empty string in a filter means "any". */
export interface PlanFilter {
	pillar: string;
	/** A partner id, `none` for actions without a lead, or empty. */
	lead: string;
	status: ActionStatus | '';
	/** A rating, `none` for unrated actions, or empty. */
	rag: RagRating | 'none' | '';
	approval: ApprovalState | '';
}

export const NO_FILTER: PlanFilter = { pillar: '', lead: '', status: '', rag: '', approval: '' };

/** One group of the plan: a pillar, a lead partner, or the actions with neither known. */
export interface PlanGroup {
	key: string;
	label: string;
	/** A line under the heading: the pillar's meaning or the partner's full name. */
	note: string;
	colour: string | null;
	actions: Action[];
}

/** Whether an action passes the filter. */
export function matchesFilter(action: Action, filter: PlanFilter): boolean {
	if (filter.pillar && action.pillar !== filter.pillar) return false;
	if (filter.lead === 'none' ? action.lead !== null : filter.lead && action.lead !== filter.lead) {
		return false;
	}
	if (filter.status && action.status !== filter.status) return false;
	if (filter.rag === 'none' ? action.rag !== null : filter.rag && action.rag !== filter.rag) {
		return false;
	}
	if (filter.approval && action.approval !== filter.approval) return false;
	return true;
}

/** Position in a list, with values outside it last. */
function rank<T>(list: readonly T[], value: T | null): number {
	const index = value === null ? -1 : list.indexOf(value);
	return index === -1 ? list.length : index;
}

/** Orders actions: by ref, or by status / RAG (red first) / approval / title, then by ref. */
export function sortActions(actions: Action[], sort: PlanSort): Action[] {
	const key: Record<PlanSort, (a: Action, b: Action) => number> = {
		ref: () => 0,
		status: (a, b) => rank(ACTION_STATUSES, a.status) - rank(ACTION_STATUSES, b.status),
		rag: (a, b) => rank(RAG_RATINGS, a.rag) - rank(RAG_RATINGS, b.rag),
		approval: (a, b) => rank(APPROVAL_STATES, b.approval) - rank(APPROVAL_STATES, a.approval),
		title: (a, b) => a.title.localeCompare(b.title, 'en')
	};
	return [...actions].sort((a, b) => key[sort](a, b) || compareActions(a, b));
}

/** Actions under the pillars in lane order; actions of an unknown pillar come last. */
export function groupByPillar(pillars: Pillar[], actions: Action[]): PlanGroup[] {
	const known = new Set(pillars.map((pillar) => pillar.key));
	const groups: PlanGroup[] = pillars.map((pillar) => ({
		key: pillar.key,
		label: pillar.label,
		note: pillar.meaning,
		colour: pillar.colour,
		actions: actions.filter((action) => action.pillar === pillar.key)
	}));
	const orphans = actions.filter((action) => !known.has(action.pillar));
	if (orphans.length > 0) {
		groups.push({
			key: '',
			label: 'Other actions',
			note: 'These actions name a pillar that this workshop does not have.',
			colour: null,
			actions: orphans
		});
	}
	return groups;
}

/** Actions under their lead partners (by code); actions without a known lead come last. */
export function groupByLead(partners: Partner[], actions: Action[]): PlanGroup[] {
	const known = new Set(partners.map((partner) => partner.id));
	const groups: PlanGroup[] = partners.map((partner) => ({
		key: partner.id,
		label: partner.code,
		note: partner.name,
		colour: partner.colour,
		actions: actions.filter((action) => action.lead === partner.id)
	}));
	const unled = actions.filter((action) => !action.lead || !known.has(action.lead));
	if (unled.length > 0) {
		groups.push({
			key: '',
			label: 'No lead yet',
			note: 'Actions that still need a lead partner.',
			colour: null,
			actions: unled
		});
	}
	return groups;
}
