/** Actions: the commitments of the plan, with the fields councils use (DESIGN §1). */
import * as Y from 'yjs';
import {
	ROOT,
	makeRecord,
	newId,
	num,
	optStr,
	rootMap,
	str,
	strList,
	type YRecord
} from './board-doc.ts';
import type { Pillar } from './pillars.ts';

export const TIMESCALES = ['short', 'medium', 'long'] as const;
export const FUNDING_STATES = ['funded', 'existing', 'bid-pending', 'unfunded'] as const;
export const INDICATOR_UNITS = ['%', '£', 'count', 'ha'] as const;
export const ACTION_STATUSES = [
	'not-started',
	'in-progress',
	'complete',
	'on-hold',
	'not-resourced',
	'cancelled'
] as const;
export const RAG_RATINGS = ['red', 'amber', 'green'] as const;
export const APPROVAL_STATES = ['draft', 'proposed', 'agreed'] as const;

export type Timescale = (typeof TIMESCALES)[number];
export type FundingState = (typeof FUNDING_STATES)[number];
export type IndicatorUnit = (typeof INDICATOR_UNITS)[number];
export type ActionStatus = (typeof ACTION_STATUSES)[number];
export type RagRating = (typeof RAG_RATINGS)[number];
export type ApprovalState = (typeof APPROVAL_STATES)[number];

/** How progress on an action is measured. */
export interface Indicator {
	name: string;
	unit: IndicatorUnit;
	baseline: number | null;
	baselineYear: string | null;
	target: number | null;
	/** ISO date (`YYYY-MM-DD`) or year by which the target should be met. */
	targetDate: string | null;
	source: string | null;
}

/** An action as plain data (a snapshot; edit it through the helpers). */
export interface Action {
	id: string;
	ref: string;
	title: string;
	description: string;
	pillar: string;
	otherPillars: string[];
	/** Partner id of the lead partner. */
	lead: string | null;
	/** Partner ids of supporting partners. */
	supporting: string[];
	timescale: Timescale | null;
	startDate: string | null;
	endDate: string | null;
	resources: string;
	estimatedCost: number | null;
	funding: FundingState | null;
	indicators: Indicator[];
	status: ActionStatus;
	rag: RagRating | null;
	ragReason: string;
	approval: ApprovalState;
	/** The card the action was promoted from, if any. */
	cardId: string | null;
	createdAt: number;
}

export type NewAction = Partial<Omit<Action, 'id' | 'createdAt'>> & { pillar: string };

function oneOf<T extends string>(values: readonly T[], value: unknown): T | null {
	return typeof value === 'string' && (values as readonly string[]).includes(value)
		? (value as T)
		: null;
}

function optNum(record: YRecord, key: string): number | null {
	const value = record.get(key);
	return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function readIndicator(record: YRecord): Indicator {
	return {
		name: str(record, 'name'),
		unit: oneOf(INDICATOR_UNITS, record.get('unit')) ?? 'count',
		baseline: optNum(record, 'baseline'),
		baselineYear: optStr(record, 'baselineYear'),
		target: optNum(record, 'target'),
		targetDate: optStr(record, 'targetDate'),
		source: optStr(record, 'source')
	};
}

function readAction(id: string, record: YRecord): Action {
	const indicators = record.get('indicators');
	return {
		id,
		ref: str(record, 'ref'),
		title: str(record, 'title'),
		description: str(record, 'description'),
		pillar: str(record, 'pillar'),
		otherPillars: strList(record, 'otherPillars'),
		lead: optStr(record, 'lead'),
		supporting: strList(record, 'supporting'),
		timescale: oneOf(TIMESCALES, record.get('timescale')),
		startDate: optStr(record, 'startDate'),
		endDate: optStr(record, 'endDate'),
		resources: str(record, 'resources'),
		estimatedCost: optNum(record, 'estimatedCost'),
		funding: oneOf(FUNDING_STATES, record.get('funding')),
		indicators:
			indicators instanceof Y.Array
				? indicators
						.toArray()
						.filter((item): item is YRecord => item instanceof Y.Map)
						.map(readIndicator)
				: [],
		status: oneOf(ACTION_STATUSES, record.get('status')) ?? 'not-started',
		rag: oneOf(RAG_RATINGS, record.get('rag')),
		ragReason: str(record, 'ragReason'),
		approval: oneOf(APPROVAL_STATES, record.get('approval')) ?? 'draft',
		cardId: optStr(record, 'cardId'),
		createdAt: num(record, 'createdAt')
	};
}

function textOf(value: string | undefined): Y.Text {
	const text = new Y.Text();
	if (value) text.insert(0, value);
	return text;
}

/** Adds an action and returns its id. Text fields become Y.Text so concurrent typing merges. */
export function addAction(doc: Y.Doc, action: NewAction): string {
	const id = newId();
	doc.transact(() => {
		const indicators = new Y.Array<YRecord>();
		indicators.push((action.indicators ?? []).map((indicator) => makeRecord({ ...indicator })));
		rootMap(doc, ROOT.actions).set(
			id,
			makeRecord({
				id,
				ref: action.ref ?? '',
				title: textOf(action.title),
				description: textOf(action.description),
				pillar: action.pillar,
				otherPillars: Y.Array.from(action.otherPillars ?? []),
				lead: action.lead ?? null,
				supporting: Y.Array.from(action.supporting ?? []),
				timescale: action.timescale ?? null,
				startDate: action.startDate ?? null,
				endDate: action.endDate ?? null,
				resources: textOf(action.resources),
				estimatedCost: action.estimatedCost ?? null,
				funding: action.funding ?? null,
				indicators,
				status: action.status ?? 'not-started',
				rag: action.rag ?? null,
				ragReason: textOf(action.ragReason),
				approval: action.approval ?? 'draft',
				cardId: action.cardId ?? null,
				createdAt: Date.now()
			})
		);
	});
	return id;
}

/** Every action, ordered by ref (then creation, then id, so all replicas agree). */
export function listActions(doc: Y.Doc): Action[] {
	const actions: Action[] = [];
	rootMap(doc, ROOT.actions).forEach((record, id) => {
		if (record instanceof Y.Map) actions.push(readAction(id, record));
	});
	return actions.sort(
		(a, b) =>
			a.ref.localeCompare(b.ref, 'en', { numeric: true }) ||
			a.createdAt - b.createdAt ||
			a.id.localeCompare(b.id)
	);
}

/** Actions grouped under the pillars in lane order; actions of an unknown pillar come last. */
export function groupActionsByPillar(
	pillars: Pillar[],
	actions: Action[]
): { pillar: Pillar | null; actions: Action[] }[] {
	const known = new Set(pillars.map((pillar) => pillar.key));
	const groups: { pillar: Pillar | null; actions: Action[] }[] = pillars.map((pillar) => ({
		pillar,
		actions: actions.filter((action) => action.pillar === pillar.key)
	}));
	const orphans = actions.filter((action) => !known.has(action.pillar));
	if (orphans.length > 0) groups.push({ pillar: null, actions: orphans });
	return groups;
}
