/** The words exports and the UI use for the plan's coded values and fields. */
import { RAG_LABELS, TIMESCALE_LABELS } from './format.ts';
import type { ExportAction, PartnerRef } from './plan-export.ts';

// The words for coded values are format.ts's, shared with the plan page.
export { FUNDING_LABELS, RAG_LABELS, STATUS_LABELS, TIMESCALE_LABELS } from './format.ts';

/** Human names of the action fields, for comparisons and column headings. */
export const ACTION_FIELD_LABELS: Record<keyof ExportAction, string> = {
	id: 'Id',
	ref: 'Ref',
	title: 'Title',
	description: 'Description',
	pillar: 'Pillar',
	otherPillars: 'Other pillars',
	lead: 'Lead partner',
	supporting: 'Supporting partners',
	timescale: 'Timescale',
	startDate: 'Start date',
	endDate: 'End date',
	resources: 'Resources',
	estimatedCost: 'Estimated cost',
	funding: 'Funding',
	indicators: 'Indicators',
	status: 'Status',
	rag: 'RAG',
	ragReason: 'RAG reason',
	approval: 'Approval',
	leadStatus: 'Lead status',
	leadAccepted: 'Lead accepted'
};

/** "KBC Kestrelford Borough Council". */
export function partnerName(partner: PartnerRef | null): string {
	return partner ? `${partner.name} (${partner.code})` : '';
}

/** Made once: creating a number format costs far more than using one (exports call it a lot). */
const POUNDS = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });

/** "£12,500" or ''. */
export function formatPounds(value: number | null): string {
	if (value === null) return '';
	return `£${POUNDS.format(value)}`;
}

/** "Short (under 12 months), 2026-01-01 – 2026-12-31". */
export function timescaleText(action: ExportAction): string {
	const dates = [action.startDate, action.endDate].filter(Boolean).join(' – ');
	const scale = action.timescale ? TIMESCALE_LABELS[action.timescale] : '';
	return [scale, dates].filter(Boolean).join(', ');
}

/** "RAG: Amber — reason". */
export function ragText(action: ExportAction): string {
	if (!action.rag) return '';
	return action.ragReason
		? `${RAG_LABELS[action.rag]} — ${action.ragReason}`
		: RAG_LABELS[action.rag];
}

/** An indicator value in its unit: "12%", "£1,000,000", "4,000", "12 ha". */
export function indicatorValue(
	value: number,
	unit: ExportAction['indicators'][number]['unit']
): string {
	if (unit === '£') return formatPounds(value);
	const number = POUNDS.format(value);
	return unit === '%' ? `${number}%` : unit === 'ha' ? `${number} ha` : number;
}

/** One indicator in a line: "Local spend share (%): 18% in 2024 → 30% by 2028 [source]". */
export function indicatorText(indicator: ExportAction['indicators'][number]): string {
	const { unit } = indicator;
	const baseline =
		indicator.baseline !== null
			? `${indicatorValue(indicator.baseline, unit)}${indicator.baselineYear ? ` in ${indicator.baselineYear}` : ''}`
			: '';
	const target =
		indicator.target !== null
			? `${indicatorValue(indicator.target, unit)}${indicator.targetDate ? ` by ${indicator.targetDate}` : ''}`
			: '';
	const range = [baseline, target].filter(Boolean).join(' → ');
	return `${indicator.name} (${unit})${range ? `: ${range}` : ''}${indicator.source ? ` [${indicator.source}]` : ''}`;
}
