/**
 * The CSV form of a plan: its columns and how an action fills them. Shared by the CSV export and
 * the CSV import, so the two always agree. Lists are separated by "; "; indicators, which have
 * fields of their own, are one JSON array per cell.
 */
import { exportedActions, type PlanExport } from './plan-export.ts';

export const PLAN_CSV_COLUMNS = [
	'ref',
	'title',
	'description',
	'pillar',
	'pillar_label',
	'other_pillars',
	'lead',
	'lead_name',
	'supporting',
	'timescale',
	'start_date',
	'end_date',
	'resources',
	'estimated_cost',
	'funding',
	'indicators',
	'status',
	'rag',
	'rag_reason',
	'approval',
	'id'
] as const;

export type PlanCsvColumn = (typeof PLAN_CSV_COLUMNS)[number];

/** One row of text cells per action, in pillar order. */
export function planCsvRows(plan: PlanExport): Record<PlanCsvColumn, string>[] {
	const labels = new Map(plan.pillars.map((pillar) => [pillar.key, pillar.label]));
	return exportedActions(plan).map((action) => ({
		ref: action.ref,
		title: action.title,
		description: action.description,
		pillar: action.pillar,
		pillar_label: labels.get(action.pillar) ?? '',
		other_pillars: action.otherPillars.join('; '),
		lead: action.lead?.code ?? '',
		lead_name: action.lead?.name ?? '',
		supporting: action.supporting.map((partner) => partner.code).join('; '),
		timescale: action.timescale ?? '',
		start_date: action.startDate ?? '',
		end_date: action.endDate ?? '',
		resources: action.resources,
		estimated_cost: action.estimatedCost === null ? '' : String(action.estimatedCost),
		funding: action.funding ?? '',
		indicators: action.indicators.length > 0 ? JSON.stringify(action.indicators) : '',
		status: action.status,
		rag: action.rag ?? '',
		rag_reason: action.ragReason,
		approval: action.approval,
		id: action.id
	}));
}
