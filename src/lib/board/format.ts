/**
 * Words and figures for showing a plan to people: timescales, indicator figures with their units,
 * RAG ratings. Pure functions, so the plan page, exports and tests all say things the same way.
 */
import type {
	ActionStatus,
	ApprovalState,
	FundingState,
	Indicator,
	IndicatorUnit,
	RagRating,
	Timescale
} from './actions.ts';

/** What a timescale means, in the words council plans use (DESIGN §1). */
export const TIMESCALE_LABELS: Record<Timescale, string> = {
	short: 'Short — under 12 months',
	medium: 'Medium — 1 to 3 years',
	long: 'Long — 3 years or more'
};

/** Timescales in one word, for compact rows. */
export const TIMESCALE_SHORT: Record<Timescale, string> = {
	short: 'Short',
	medium: 'Medium',
	long: 'Long'
};

/** Statuses as council plans write them. */
export const STATUS_LABELS: Record<ActionStatus, string> = {
	'not-started': 'Not started',
	'in-progress': 'In progress',
	complete: 'Complete',
	'on-hold': 'On hold',
	'not-resourced': 'Not resourced',
	cancelled: 'Cancelled'
};

export const APPROVAL_LABELS: Record<ApprovalState, string> = {
	draft: 'Draft',
	proposed: 'Proposed',
	agreed: 'Agreed'
};

export const FUNDING_LABELS: Record<FundingState, string> = {
	funded: 'Funded',
	existing: 'Existing resources',
	'bid-pending': 'Bid pending',
	unfunded: 'Unfunded'
};

/** Indicator units as words for pickers. */
export const UNIT_LABELS: Record<IndicatorUnit, string> = {
	'%': '% (percentage)',
	'£': '£ (pounds)',
	count: 'Count',
	ha: 'ha (hectares)'
};

/** RAG ratings as words, so the rating never rests on colour alone. */
export const RAG_LABELS: Record<RagRating, string> = {
	red: 'Red',
	amber: 'Amber',
	green: 'Green'
};

/** Shown where a value has not been filled in yet. */
export const NOT_SET = 'Not set';

/** Shown in place of a missing baseline or target. */
export const MISSING_FIGURE = '?';

const numberFormat = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });
const poundsFormat = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const penceFormat = new Intl.NumberFormat('en-GB', {
	minimumFractionDigits: 2,
	maximumFractionDigits: 2
});

/** A timescale as a label, e.g. "Medium — 1 to 3 years". */
export function formatTimescale(timescale: Timescale | null): string {
	return timescale ? TIMESCALE_LABELS[timescale] : NOT_SET;
}

/** A RAG rating as a word, e.g. "Amber"; "Not rated" when there is none. */
export function formatRag(rag: RagRating | null): string {
	return rag ? RAG_LABELS[rag] : 'Not rated';
}

/** One figure with its unit: "9%", "£20,000,000", "1,500", "4 ha"; "?" when missing. */
export function formatFigure(value: number | null, unit: IndicatorUnit): string {
	if (value === null || !Number.isFinite(value)) return MISSING_FIGURE;
	switch (unit) {
		case '%':
			return `${numberFormat.format(value)}%`;
		case '£': {
			// Pence only when there are any: "£1,250.50", but "£500" rather than "£500.00".
			const pounds = Math.abs(value);
			const format = Number.isInteger(pounds) ? poundsFormat : penceFormat;
			return `${value < 0 ? '−' : ''}£${format.format(pounds)}`;
		}
		case 'ha':
			return `${numberFormat.format(value)} ha`;
		case 'count':
			return numberFormat.format(value);
	}
}

/** An indicator's movement, baseline to target: "9% → 25%"; empty when neither is set. */
export function formatIndicatorRange(
	indicator: Pick<Indicator, 'unit' | 'baseline' | 'target'>
): string {
	if (indicator.baseline === null && indicator.target === null) return '';
	return `${formatFigure(indicator.baseline, indicator.unit)} → ${formatFigure(indicator.target, indicator.unit)}`;
}
