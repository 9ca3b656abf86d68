/**
 * Actions: the commitments of the plan, with the fields councils use (DESIGN §1). This file holds
 * the record's shape, how it is read (tolerantly: any stock client may have written it) and how
 * one is added or deleted; edits go through action-edit.ts, refs through action-refs.ts.
 */
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
/** What the lead partner answered when named (stored); see lead-acceptance.ts. */
export const LEAD_RESPONSES = ['accepted', 'declined'] as const;

export type Timescale = (typeof TIMESCALES)[number];
export type FundingState = (typeof FUNDING_STATES)[number];
export type IndicatorUnit = (typeof INDICATOR_UNITS)[number];
export type ActionStatus = (typeof ACTION_STATUSES)[number];
export type RagRating = (typeof RAG_RATINGS)[number];
export type ApprovalState = (typeof APPROVAL_STATES)[number];
export type LeadResponse = (typeof LEAD_RESPONSES)[number];

/** How progress on an action is measured. */
export interface Indicator {
	/** Stable id within the action (older indicators without one read as `i<index>`). */
	id: string;
	name: string;
	unit: IndicatorUnit;
	baseline: number | null;
	baselineYear: string | null;
	target: number | null;
	/** ISO date (`YYYY-MM-DD`) or year by which the target should be met. */
	targetDate: string | null;
	source: string | null;
}

/** The lead partner's answer, recorded for the partner it was given for. */
export interface LeadAnswer {
	response: LeadResponse;
	/** Partner id the answer was given for: it counts only while that partner is the lead. */
	partnerId: string;
	reason: string;
	/** Name of the member who answered. */
	byName: string;
	at: number;
}

/** An action as plain data (a snapshot; edit it through the helpers). */
export interface Action {
	id: string;
	/** `SP-03` and so on; empty until the sync server has given one (action-refs.ts). */
	ref: string;
	title: string;
	description: string;
	pillar: string;
	otherPillars: string[];
	/** Partner id of the lead partner. */
	lead: string | null;
	leadAnswer: LeadAnswer | null;
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

export type NewIndicator = Partial<Omit<Indicator, 'id'>>;

export type NewAction = Partial<Omit<Action, 'id' | 'createdAt' | 'indicators' | 'leadAnswer'>> & {
	pillar: string;
	indicators?: NewIndicator[];
	leadAnswer?: LeadAnswer | null;
};

/** The value if it is one of `values`, else null. */
export function oneOf<T extends string>(values: readonly T[], value: unknown): T | null {
	return typeof value === 'string' && (values as readonly string[]).includes(value)
		? (value as T)
		: null;
}

function optNum(record: YRecord, key: string): number | null {
	const value = record.get(key);
	return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** The id an indicator is addressed by: its own, or its position for older records. */
export function indicatorIdAt(record: YRecord, index: number): string {
	return optStr(record, 'id') ?? `i${index}`;
}

function readIndicator(record: YRecord, index: number): Indicator {
	return {
		id: indicatorIdAt(record, index),
		name: str(record, 'name'),
		unit: oneOf(INDICATOR_UNITS, record.get('unit')) ?? 'count',
		baseline: optNum(record, 'baseline'),
		baselineYear: optStr(record, 'baselineYear'),
		target: optNum(record, 'target'),
		targetDate: optStr(record, 'targetDate'),
		source: optStr(record, 'source')
	};
}

function readLeadAnswer(record: YRecord): LeadAnswer | null {
	const response = oneOf(LEAD_RESPONSES, record.get('leadResponse'));
	const partnerId = optStr(record, 'leadResponsePartner');
	if (!response || !partnerId) return null;
	return {
		response,
		partnerId,
		reason: str(record, 'leadResponseReason'),
		byName: str(record, 'leadResponseBy'),
		at: num(record, 'leadResponseAt')
	};
}

/** The indicators array of an action record as Y.Maps (other items are skipped). */
export function indicatorRecords(record: YRecord): YRecord[] {
	const indicators = record.get('indicators');
	return indicators instanceof Y.Array
		? indicators.toArray().filter((item): item is YRecord => item instanceof Y.Map)
		: [];
}

function readAction(id: string, record: YRecord): Action {
	return {
		id,
		ref: str(record, 'ref'),
		title: str(record, 'title'),
		description: str(record, 'description'),
		pillar: str(record, 'pillar'),
		otherPillars: strList(record, 'otherPillars'),
		lead: optStr(record, 'lead'),
		leadAnswer: readLeadAnswer(record),
		supporting: strList(record, 'supporting'),
		timescale: oneOf(TIMESCALES, record.get('timescale')),
		startDate: optStr(record, 'startDate'),
		endDate: optStr(record, 'endDate'),
		resources: str(record, 'resources'),
		estimatedCost: optNum(record, 'estimatedCost'),
		funding: oneOf(FUNDING_STATES, record.get('funding')),
		indicators: indicatorRecords(record).map(readIndicator),
		status: oneOf(ACTION_STATUSES, record.get('status')) ?? 'not-started',
		rag: oneOf(RAG_RATINGS, record.get('rag')),
		ragReason: str(record, 'ragReason'),
		approval: oneOf(APPROVAL_STATES, record.get('approval')) ?? 'draft',
		cardId: optStr(record, 'cardId'),
		createdAt: num(record, 'createdAt')
	};
}

/** A Y.Text holding `value`, for the fields people type in together. */
export function textOf(value: string | null | undefined): Y.Text {
	const text = new Y.Text();
	if (value) text.insert(0, value);
	return text;
}

/** A new indicator record with every field (name and source as Y.Text). */
export function makeIndicator(indicator: NewIndicator): YRecord {
	return makeRecord({
		id: newId(),
		name: textOf(indicator.name),
		unit: indicator.unit ?? 'count',
		baseline: indicator.baseline ?? null,
		baselineYear: indicator.baselineYear ?? null,
		target: indicator.target ?? null,
		targetDate: indicator.targetDate ?? null,
		source: textOf(indicator.source)
	});
}

/**
 * Adds an action and returns its id. Text fields become Y.Text so concurrent typing merges. Leave
 * `ref` out: the sync server gives the next free one of the pillar (see action-refs.ts).
 */
export function addAction(doc: Y.Doc, action: NewAction): string {
	const id = newId();
	const answer = action.leadAnswer ?? null;
	doc.transact(() => {
		const indicators = new Y.Array<YRecord>();
		indicators.push((action.indicators ?? []).map(makeIndicator));
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
				leadResponse: answer?.response ?? null,
				leadResponsePartner: answer?.partnerId ?? null,
				leadResponseReason: textOf(answer?.reason),
				leadResponseBy: answer?.byName ?? null,
				leadResponseAt: answer?.at ?? null,
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

/** The raw record of an action, or null (for the other helpers of this module family). */
export function actionRecord(doc: Y.Doc, id: string): YRecord | null {
	const record = rootMap(doc, ROOT.actions).get(id);
	return record instanceof Y.Map ? record : null;
}

/** One action, or null if it does not exist. */
export function getAction(doc: Y.Doc, id: string): Action | null {
	const record = actionRecord(doc, id);
	return record ? readAction(id, record) : null;
}

/** Orders actions by ref in natural order; those still waiting for a ref come last. */
export function compareActions(a: Action, b: Action): number {
	return (
		Number(a.ref === '') - Number(b.ref === '') ||
		a.ref.localeCompare(b.ref, 'en', { numeric: true }) ||
		a.createdAt - b.createdAt ||
		a.id.localeCompare(b.id)
	);
}

/** Every action, ordered by ref (then creation, then id, so all replicas agree). */
export function listActions(doc: Y.Doc): Action[] {
	const actions: Action[] = [];
	rootMap(doc, ROOT.actions).forEach((record, id) => {
		if (record instanceof Y.Map) actions.push(readAction(id, record));
	});
	return actions.sort(compareActions);
}

/**
 * Deletes an action, and unlinks the card it came from (the card stays on the board as an idea).
 * Its ref is never given again. Returns false if it was already gone.
 */
export function deleteAction(doc: Y.Doc, id: string): boolean {
	const record = actionRecord(doc, id);
	if (!record) return false;
	doc.transact(() => {
		const cardId = optStr(record, 'cardId');
		const card = cardId ? rootMap(doc, ROOT.cards).get(cardId) : undefined;
		if (card instanceof Y.Map && optStr(card, 'actionId') === id) card.set('actionId', null);
		rootMap(doc, ROOT.actions).delete(id);
	});
	return true;
}
