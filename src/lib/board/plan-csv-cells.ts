/**
 * Reading one CSV cell of the plan: enumerations by their key or their label in any case
 * ("In progress", "in-progress"), pillars by key, label or ref prefix, partners by code or name,
 * lists separated by semicolons, figures and dates through the same readers as the plan page.
 */
import type { Partner } from './board-doc.ts';
import {
	ACTION_STATUSES,
	APPROVAL_STATES,
	FUNDING_STATES,
	INDICATOR_UNITS,
	RAG_RATINGS,
	TIMESCALES,
	type IndicatorUnit
} from './actions.ts';
import {
	readCost,
	readDate,
	readFigure,
	readTargetDate,
	readYear,
	type Checked
} from './action-validation.ts';
import {
	APPROVAL_LABELS,
	FUNDING_LABELS,
	RAG_LABELS,
	STATUS_LABELS,
	TIMESCALE_LABELS,
	TIMESCALE_SHORT
} from './format.ts';
import type { PlanCsvColumn } from './plan-csv.ts';
import type { Pillar } from './pillars.ts';

/** What cells are read against: the board's pillars and partners. */
export interface Lookups {
	pillars: Pillar[];
	partners: Partner[];
}

const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
const norm = (text: string) => text.trim().toLowerCase();

/** Reads an enumeration by key or by any of its labels; empty is null. */
function choice<T extends string>(
	text: string,
	values: readonly T[],
	labels: Record<T, string>[],
	what: string,
	extra: Record<string, T> = {}
): Checked<T | null> {
	if (text === '') return ok(null);
	const wanted = norm(text);
	const found =
		values.find((value) => value === wanted || labels.some((set) => norm(set[value]) === wanted)) ??
		extra[wanted];
	if (found) return ok(found);
	const allowed = values.map((value) => labels[0][value]).join(', ');
	return { ok: false, message: `"${text}" is not a ${what}; use one of: ${allowed}.` };
}

function pillar(text: string, pillars: Pillar[]): Checked<string | null> {
	if (text === '') return ok(null);
	const wanted = norm(text);
	const found = pillars.find(
		(each) =>
			norm(each.key) === wanted || norm(each.label) === wanted || norm(each.prefix) === wanted
	);
	if (found) return ok(found.key);
	return { ok: false, message: `"${text}" is not a pillar of this workshop.` };
}

function partner(text: string, partners: Partner[]): Checked<string | null> {
	if (text === '') return ok(null);
	const wanted = norm(text);
	const found = partners.find((each) => norm(each.code) === wanted || norm(each.name) === wanted);
	if (found) return ok(found.id);
	return {
		ok: false,
		message: `"${text}" is not a partner of this workshop (use its code, e.g. ${partners[0]?.code ?? 'KBC'}).`
	};
}

/** A `;`-separated list read item by item; the first problem is reported. */
function list(text: string, readOne: (item: string) => Checked<string | null>): Checked<string[]> {
	const values: string[] = [];
	for (const item of text
		.split(';')
		.map((part) => part.trim())
		.filter((part) => part !== '')) {
		const result = readOne(item);
		if (!result.ok) return result;
		if (result.value && !values.includes(result.value)) values.push(result.value);
	}
	return ok(values);
}

const UNIT_WORDS: Record<string, IndicatorUnit> = {
	percent: '%',
	percentage: '%',
	pounds: '£',
	gbp: '£',
	hectares: 'ha',
	number: 'count'
};

/** Reads one cell of `column`; `unit` is the indicator's, for baseline and target. */
export function readCell(
	column: PlanCsvColumn,
	text: string,
	lookups: Lookups,
	unit: IndicatorUnit = 'count'
): Checked<unknown> {
	switch (column) {
		case 'Pillar':
			return pillar(text, lookups.pillars);
		case 'Other pillars':
			return list(text, (item) => pillar(item, lookups.pillars));
		case 'Lead partner':
			return partner(text, lookups.partners);
		case 'Supporting partners':
			return list(text, (item) => partner(item, lookups.partners));
		case 'Timescale':
			return choice(text, TIMESCALES, [TIMESCALE_SHORT, TIMESCALE_LABELS], 'timescale');
		case 'Start date':
			return readDate(text, 'start date');
		case 'End date':
			return readDate(text, 'end date');
		case 'Estimated cost (£)':
			return readCost(text);
		case 'Funding':
			return choice(text, FUNDING_STATES, [FUNDING_LABELS], 'funding state', {
				existing: 'existing'
			});
		case 'Unit': {
			const labels = Object.fromEntries(INDICATOR_UNITS.map((u) => [u, u])) as Record<
				IndicatorUnit,
				string
			>;
			return choice(text, INDICATOR_UNITS, [labels], 'unit', UNIT_WORDS);
		}
		case 'Baseline':
			return readFigure(text, unit, 'baseline');
		case 'Target':
			return readFigure(text, unit, 'target');
		case 'Baseline year':
			return readYear(text);
		case 'Target date':
			return readTargetDate(text);
		case 'Status':
			return choice(text, ACTION_STATUSES, [STATUS_LABELS], 'status');
		case 'RAG':
			return choice(text, RAG_RATINGS, [RAG_LABELS], 'RAG rating', {
				r: 'red',
				a: 'amber',
				g: 'green'
			});
		case 'Approval':
			return choice(text, APPROVAL_STATES, [APPROVAL_LABELS], 'approval state');
		default:
			return ok(text);
	}
}
