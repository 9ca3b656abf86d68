/**
 * The plan as CSV: the columns a CSV export writes and an import reads (docs/plan-csv.md). One
 * row per action; an action's second and later indicators follow on rows of their own whose
 * Title and Ref are empty. Import checks every row first and reports each problem against its
 * row; only rows without problems are added, each one whole, all in one transaction.
 */
import type * as Y from 'yjs';
import { listPartners, listPillars } from './board-doc.ts';
import { addAction, listActions, type NewAction, type NewIndicator } from './actions.ts';
import { REFS_ROOT } from './action-refs.ts';
import { readCell, type Lookups } from './plan-csv-cells.ts';
import { parseCsv, toCsv } from './csv.ts';
import {
	APPROVAL_LABELS,
	FUNDING_LABELS,
	RAG_LABELS,
	STATUS_LABELS,
	TIMESCALE_SHORT
} from './format.ts';
import { LEAD_STATUS_LABELS } from './lead-acceptance.ts';
import {
	buildPlanExport,
	exportedActions,
	type PartnerRef,
	type PlanExport
} from './plan-export.ts';

/** The columns, in export order. */
export const PLAN_CSV_COLUMNS = [
	'Ref',
	'Title',
	'Description',
	'Pillar',
	'Other pillars',
	'Lead partner',
	'Lead status',
	'Supporting partners',
	'Timescale',
	'Start date',
	'End date',
	'Resources',
	'Estimated cost (£)',
	'Funding',
	'Indicator',
	'Unit',
	'Baseline',
	'Baseline year',
	'Target',
	'Target date',
	'Data source',
	'Status',
	'RAG',
	'RAG reason',
	'Approval'
] as const;
export type PlanCsvColumn = (typeof PLAN_CSV_COLUMNS)[number];

const INDICATOR_COLUMNS: PlanCsvColumn[] = [
	'Indicator',
	'Unit',
	'Baseline',
	'Baseline year',
	'Target',
	'Target date',
	'Data source'
];

/** One action of an import, as previewed: what will be added, or why it will not. */
export interface CsvActionPreview {
	/** Spreadsheet row numbers (the header is row 1) this action was read from. */
	rows: number[];
	title: string;
	/** The action to add, or null when `errors` is not empty. */
	action: NewAction | null;
	errors: string[];
	/** Things worth knowing that do not stop the import (e.g. a ref that will change). */
	notes: string[];
}

export type CsvPreview =
	| { ok: true; actions: CsvActionPreview[]; ignoredColumns: string[] }
	| { ok: false; message: string };

/** Reads a CSV file against the board and says, action by action, what an import would do. */
export function previewPlanCsv(doc: Y.Doc, text: string): CsvPreview {
	const parsed = parseCsv(text);
	if (!parsed.ok) return parsed;
	const [header, ...body] = parsed.rows;
	if (!header) return { ok: false, message: 'The file is empty.' };
	const index = new Map<PlanCsvColumn, number>();
	const ignoredColumns: string[] = [];
	header.forEach((name, at) => {
		const column = PLAN_CSV_COLUMNS.find(
			(each) => each.toLowerCase() === name.trim().toLowerCase()
		);
		if (column) index.set(column, at);
		else if (name.trim() !== '') ignoredColumns.push(name.trim());
	});
	const missing = (['Title', 'Pillar'] as const).filter((column) => !index.has(column));
	if (missing.length > 0) {
		return {
			ok: false,
			message: `The first row must name the columns; ${missing.map((m) => `"${m}"`).join(' and ')} ${missing.length === 1 ? 'is' : 'are'} missing.`
		};
	}
	const lookups: Lookups = { pillars: listPillars(doc), partners: listPartners(doc) };
	const usedRefs = new Set([
		...listActions(doc).map((action) => action.ref),
		...doc.getMap(REFS_ROOT).keys()
	]);
	const actions: CsvActionPreview[] = [];
	body.forEach((fields, at) => {
		const rowNumber = at + 2;
		const cell = (column: PlanCsvColumn) => (fields[index.get(column) ?? -1] ?? '').trim();
		const isContinuation = cell('Title') === '' && cell('Ref') === '';
		const current = actions.at(-1);
		if (isContinuation && current) {
			current.rows.push(rowNumber);
			readIndicatorInto(current, cell, lookups, rowNumber);
			return;
		}
		const preview: CsvActionPreview = {
			rows: [rowNumber],
			title: cell('Title'),
			action: null,
			errors: [],
			notes: []
		};
		actions.push(preview);
		readActionInto(preview, cell, lookups, rowNumber, usedRefs);
	});
	for (const preview of actions) if (preview.errors.length > 0) preview.action = null;
	return { ok: true, actions, ignoredColumns };
}

type Cell = (column: PlanCsvColumn) => string;

function readActionInto(
	preview: CsvActionPreview,
	cell: Cell,
	lookups: Lookups,
	row: number,
	usedRefs: Set<string>
): void {
	const errors = preview.errors;
	const read = <K extends keyof NewAction>(_field: K, column: PlanCsvColumn) => {
		const result = readCell(column, cell(column), lookups);
		if (!result.ok) errors.push(`Row ${row}: ${result.message}`);
		return result.ok ? (result.value as NewAction[K]) : undefined;
	};
	if (preview.title === '') errors.push(`Row ${row}: give the action a title.`);
	const pillar = read('pillar', 'Pillar');
	if (cell('Pillar') === '') errors.push(`Row ${row}: say which pillar the action is in.`);
	const action: NewAction = {
		title: preview.title,
		description: cell('Description'),
		pillar: pillar ?? '',
		otherPillars: read('otherPillars', 'Other pillars') ?? [],
		lead: read('lead', 'Lead partner') ?? null,
		supporting: read('supporting', 'Supporting partners') ?? [],
		timescale: read('timescale', 'Timescale') ?? null,
		startDate: read('startDate', 'Start date') ?? null,
		endDate: read('endDate', 'End date') ?? null,
		resources: cell('Resources'),
		estimatedCost: read('estimatedCost', 'Estimated cost (£)') ?? null,
		funding: read('funding', 'Funding') ?? null,
		status: read('status', 'Status') ?? 'not-started',
		rag: read('rag', 'RAG') ?? null,
		ragReason: cell('RAG reason'),
		approval: read('approval', 'Approval') ?? 'draft',
		indicators: []
	};
	if (action.startDate && action.endDate && action.endDate < action.startDate) {
		errors.push(`Row ${row}: the end date cannot be before the start date.`);
	}
	const ref = cell('Ref');
	if (ref !== '' && usedRefs.has(ref)) {
		preview.notes.push(`${ref} is already used on this board, so this action will get a new ref.`);
	} else if (ref !== '') {
		action.ref = ref;
		usedRefs.add(ref);
	}
	preview.action = action;
	readIndicatorInto(preview, cell, lookups, row);
}

function readIndicatorInto(
	preview: CsvActionPreview,
	cell: Cell,
	lookups: Lookups,
	row: number
): void {
	if (INDICATOR_COLUMNS.every((column) => cell(column) === '')) return;
	const unitCell = readCell('Unit', cell('Unit'), lookups);
	const unit = unitCell.ok ? (unitCell.value as NewIndicator['unit']) : undefined;
	if (!unitCell.ok) preview.errors.push(`Row ${row}: ${unitCell.message}`);
	else if (!unit) preview.errors.push(`Row ${row}: say the indicator's unit: %, £, count or ha.`);
	if (cell('Indicator') === '') preview.errors.push(`Row ${row}: give the indicator a name.`);
	const indicator: NewIndicator = { name: cell('Indicator'), unit, source: cell('Data source') };
	for (const [column, key] of [
		['Baseline', 'baseline'],
		['Baseline year', 'baselineYear'],
		['Target', 'target'],
		['Target date', 'targetDate']
	] as const) {
		const result = readCell(column, cell(column), lookups, unit ?? 'count');
		if (!result.ok) preview.errors.push(`Row ${row}: ${result.message}`);
		else (indicator as Record<string, unknown>)[key] = result.value;
	}
	preview.action?.indicators?.push(indicator);
}

/** Adds the previewed actions that have no problems, in one transaction; returns how many. */
export function importPlanCsv(doc: Y.Doc, preview: CsvActionPreview[]): number {
	const ready = preview.flatMap((each) =>
		each.action && each.errors.length === 0 ? [each.action] : []
	);
	doc.transact(() => {
		for (const action of ready) addAction(doc, action);
	});
	return ready.length;
}

const codes = (refs: PartnerRef[]) => refs.map((partner) => partner.code).join('; ');

/**
 * A plan as CSV text, in the columns above, made from the export model (as every export is), so
 * the plan page's download and the CSV export of any version are the same file.
 */
export function planCsv(plan: PlanExport): string {
	const labels = new Map(plan.pillars.map((pillar) => [pillar.key, pillar.label]));
	const label = (key: string) => labels.get(key) || key;
	const rows: string[][] = [[...PLAN_CSV_COLUMNS]];
	const figure = (value: number | null) => (value === null ? '' : String(value));
	for (const action of exportedActions(plan)) {
		const indicatorCells = (i: number): string[] => {
			const indicator = action.indicators[i];
			if (!indicator) return INDICATOR_COLUMNS.map(() => '');
			return [
				indicator.name,
				indicator.unit,
				figure(indicator.baseline),
				indicator.baselineYear ?? '',
				figure(indicator.target),
				indicator.targetDate ?? '',
				indicator.source ?? ''
			];
		};
		rows.push([
			action.ref,
			action.title,
			action.description,
			label(action.pillar),
			action.otherPillars.map(label).join('; '),
			action.lead?.code ?? '',
			action.lead ? LEAD_STATUS_LABELS[action.leadStatus] : '',
			codes(action.supporting),
			action.timescale ? TIMESCALE_SHORT[action.timescale] : '',
			action.startDate ?? '',
			action.endDate ?? '',
			action.resources,
			figure(action.estimatedCost),
			action.funding ? FUNDING_LABELS[action.funding] : '',
			...indicatorCells(0),
			STATUS_LABELS[action.status],
			action.rag ? RAG_LABELS[action.rag] : '',
			action.ragReason,
			APPROVAL_LABELS[action.approval]
		]);
		for (let i = 1; i < action.indicators.length; i++) {
			const row = PLAN_CSV_COLUMNS.map(() => '');
			row.splice(
				PLAN_CSV_COLUMNS.indexOf('Indicator'),
				INDICATOR_COLUMNS.length,
				...indicatorCells(i)
			);
			rows.push(row);
		}
	}
	return toCsv(rows);
}

/** The live board's plan as CSV text (the plan page's "Download CSV"). */
export function exportPlanCsv(doc: Y.Doc): string {
	return planCsv(
		buildPlanExport(doc, {
			workshop: { id: '', date: null },
			version: { kind: 'current', id: null, name: 'Current', savedAt: '', hash: null }
		})
	);
}
