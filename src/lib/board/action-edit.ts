/**
 * Editing actions field by field. Text fields are spliced (concurrent typing merges); lists are
 * changed item by item (two people adding a supporting partner each keep theirs); values are set
 * one key at a time (concurrent edits to different fields both survive). Values that break a rule
 * are refused with a sentence and nothing is written.
 */
import * as Y from 'yjs';
import { strList, type YRecord } from './board-doc.ts';
import {
	actionRecord,
	getAction,
	indicatorIdAt,
	indicatorRecords,
	makeIndicator,
	type Action,
	type Indicator,
	type NewIndicator
} from './actions.ts';
import { checkDateOrder, readFigure } from './action-validation.ts';
import { updateText } from './text.ts';

/** The outcome of an edit: done, or refused with a sentence (and nothing written). */
export type EditResult = { ok: true } | { ok: false; message: string };

const done: EditResult = { ok: true };
const refused = (message: string): EditResult => ({ ok: false, message });
const gone = refused('This action has been deleted by someone else.');

/** Fields that hold a Y.Text. */
export const ACTION_TEXT_FIELDS = ['title', 'description', 'resources', 'ragReason'] as const;
export type ActionTextField = (typeof ACTION_TEXT_FIELDS)[number];

/** Fields set as one value (strings from an enumeration, ids, ISO dates, numbers, or null). */
export type ActionValues = Partial<
	Pick<
		Action,
		| 'pillar'
		| 'lead'
		| 'timescale'
		| 'startDate'
		| 'endDate'
		| 'estimatedCost'
		| 'funding'
		| 'status'
		| 'rag'
		| 'approval'
	>
>;

/** Splices `next` into a record's Y.Text field, upgrading a plain string a foreign client wrote. */
export function setRecordText(record: YRecord, key: string, next: string): void {
	const text = record.get(key);
	if (text instanceof Y.Text) {
		updateText(text, next);
	} else {
		const fresh = new Y.Text();
		fresh.insert(0, next);
		record.set(key, fresh);
	}
}

/** Replaces the text of one of an action's text fields with `next`, as a minimal splice. */
export function setActionText(
	doc: Y.Doc,
	id: string,
	field: ActionTextField,
	next: string
): EditResult {
	const record = actionRecord(doc, id);
	if (!record) return gone;
	setRecordText(record, field, next);
	return done;
}

/** Sets plain-valued fields, after checking the dates against what is stored. */
export function setActionValues(doc: Y.Doc, id: string, values: ActionValues): EditResult {
	const record = actionRecord(doc, id);
	const action = getAction(doc, id);
	if (!record || !action) return gone;
	const merged = { ...action, ...values };
	const dates = checkDateOrder(merged.startDate, merged.endDate);
	if (dates && ('startDate' in values || 'endDate' in values)) return refused(dates);
	doc.transact(() => {
		for (const [key, value] of Object.entries(values)) {
			if ((action as unknown as Record<string, unknown>)[key] !== value) {
				record.set(key, value ?? null);
			}
		}
		// The lead does not also support itself.
		if (values.lead) removeFromList(record, 'supporting', values.lead);
	});
	return done;
}

function removeFromList(record: YRecord, key: string, value: string): void {
	const list = record.get(key);
	if (!(list instanceof Y.Array)) return;
	for (let i = list.length - 1; i >= 0; i--) if (list.get(i) === value) list.delete(i, 1);
}

/**
 * Adds or removes one id in `supporting` or `otherPillars`, item by item so that concurrent
 * changes by others are kept.
 */
export function setListMember(
	doc: Y.Doc,
	id: string,
	key: 'supporting' | 'otherPillars',
	value: string,
	present: boolean
): EditResult {
	const record = actionRecord(doc, id);
	if (!record) return gone;
	doc.transact(() => {
		let list = record.get(key);
		if (!(list instanceof Y.Array)) {
			list = Y.Array.from(strList(record, key));
			record.set(key, list);
		}
		const array = list as Y.Array<unknown>;
		const has = array.toArray().includes(value);
		if (present && !has) array.push([value]);
		if (!present && has) removeFromList(record, key, value);
	});
	return done;
}

/** Adds an indicator to an action and returns its id (null if the action is gone). */
export function addIndicator(doc: Y.Doc, id: string, indicator: NewIndicator = {}): string | null {
	const record = actionRecord(doc, id);
	if (!record) return null;
	const fresh = makeIndicator(indicator);
	doc.transact(() => {
		const list = record.get('indicators');
		if (list instanceof Y.Array) list.push([fresh]);
		else record.set('indicators', Y.Array.from([fresh]));
	});
	return fresh.get('id') as string;
}

function findIndicator(doc: Y.Doc, id: string, indicatorId: string): YRecord | null {
	const record = actionRecord(doc, id);
	if (!record) return null;
	const all = indicatorRecords(record);
	return all.find((each, index) => indicatorIdAt(each, index) === indicatorId) ?? null;
}

/** Removes an indicator. */
export function removeIndicator(doc: Y.Doc, id: string, indicatorId: string): EditResult {
	const record = actionRecord(doc, id);
	const target = findIndicator(doc, id, indicatorId);
	const list = record?.get('indicators');
	if (!target || !(list instanceof Y.Array)) return refused('This indicator has been removed.');
	const index = list.toArray().indexOf(target);
	list.delete(index, 1);
	return done;
}

/** Replaces an indicator's name or data source, as a minimal splice. */
export function setIndicatorText(
	doc: Y.Doc,
	id: string,
	indicatorId: string,
	field: 'name' | 'source',
	next: string
): EditResult {
	const target = findIndicator(doc, id, indicatorId);
	if (!target) return refused('This indicator has been removed.');
	setRecordText(target, field, next);
	return done;
}

export type IndicatorValues = Partial<
	Pick<Indicator, 'unit' | 'baseline' | 'baselineYear' | 'target' | 'targetDate'>
>;

/** Sets an indicator's values; a new unit must suit the figures already there. */
export function setIndicatorValues(
	doc: Y.Doc,
	id: string,
	indicatorId: string,
	values: IndicatorValues
): EditResult {
	const target = findIndicator(doc, id, indicatorId);
	const current = getAction(doc, id)?.indicators.find((each) => each.id === indicatorId);
	if (!target || !current) return refused('This indicator has been removed.');
	const merged = { ...current, ...values };
	for (const what of ['baseline', 'target'] as const) {
		const value = merged[what];
		if (value === null) continue;
		const check = readFigure(String(value), merged.unit, what);
		if (!check.ok) return refused(check.message);
	}
	doc.transact(() => {
		for (const [key, value] of Object.entries(values)) target.set(key, value ?? null);
	});
	return done;
}
