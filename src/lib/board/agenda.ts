/**
 * The workshop's run-sheet: an ordered list of stages with planned lengths and what entering each
 * switches on (timer, lock, private brainstorming, a vote). Entering a stage is facilitation.ts's
 * `enterStage`, which applies all of that in one transaction.
 */
import * as Y from 'yjs';
import { makeRecord, newId, num, str, type YRecord } from './board-doc.ts';
import { KEY, child, root } from './facilitation-map.ts';

/** A stage of the workshop's run-sheet, and what moving into it switches on. */
export interface Stage {
	id: string;
	name: string;
	/** Planned length in minutes; entering the stage starts the timer for it when `startTimer`. */
	minutes: number;
	order: number;
	startTimer: boolean;
	/** Private brainstorming on (true) or off (false) on entering the stage. */
	privateMode: boolean;
	/** Whole-board lock on entering the stage. */
	lockBoard: boolean;
	/** Whether entering the stage asks the facilitator to start a vote. */
	voting: boolean;
}

/** The default run-sheet of a CWB workshop (DESIGN §2), in order. */
export const DEFAULT_STAGES: readonly Omit<Stage, 'id' | 'order'>[] = [
	{
		name: 'Set up',
		minutes: 10,
		startTimer: false,
		privateMode: false,
		lockBoard: true,
		voting: false
	},
	{
		name: 'Frame',
		minutes: 15,
		startTimer: true,
		privateMode: false,
		lockBoard: true,
		voting: false
	},
	{
		name: 'Diagnose',
		minutes: 15,
		startTimer: true,
		privateMode: false,
		lockBoard: true,
		voting: false
	},
	{
		name: 'Ideate',
		minutes: 20,
		startTimer: true,
		privateMode: true,
		lockBoard: false,
		voting: false
	},
	{
		name: 'Prioritise',
		minutes: 15,
		startTimer: true,
		privateMode: false,
		lockBoard: false,
		voting: true
	},
	{
		name: 'Commit',
		minutes: 30,
		startTimer: true,
		privateMode: false,
		lockBoard: false,
		voting: false
	},
	{
		name: 'Agree',
		minutes: 15,
		startTimer: true,
		privateMode: false,
		lockBoard: false,
		voting: false
	}
];

function readStage(id: string, record: YRecord): Stage {
	return {
		id,
		name: str(record, 'name', 'Stage'),
		minutes: Math.max(0, num(record, 'minutes')),
		order: num(record, 'order'),
		startTimer: record.get('startTimer') === true,
		privateMode: record.get('privateMode') === true,
		lockBoard: record.get('lockBoard') === true,
		voting: record.get('voting') === true
	};
}

/** The agenda in order (ties broken by id, so every replica agrees). */
export function listStages(doc: Y.Doc): Stage[] {
	const agenda = root(doc).get(KEY.agenda);
	if (!(agenda instanceof Y.Map)) return [];
	const stages: Stage[] = [];
	agenda.forEach((record, id) => {
		if (record instanceof Y.Map) stages.push(readStage(id, record));
	});
	return stages.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
}

/** Writes the agenda afresh from a list (e.g. the defaults); returns the stages' ids. */
export function setAgenda(doc: Y.Doc, stages: readonly Omit<Stage, 'id' | 'order'>[]): string[] {
	const ids = stages.map(() => newId());
	doc.transact(() => {
		const agenda = new Y.Map<YRecord>();
		stages.forEach((stage, order) => {
			agenda.set(ids[order], makeRecord({ ...stage, id: ids[order], order }));
		});
		root(doc).set(KEY.agenda, agenda);
		root(doc).delete(KEY.stage);
	});
	return ids;
}

/** The agenda's map of stage records, made (empty) on first use. */
function agendaMap(doc: Y.Doc): Y.Map<YRecord> {
	return child(doc, KEY.agenda) as Y.Map<YRecord>;
}

/**
 * The agenda's map if there is one. Changes to stages use this rather than agendaMap: making an
 * empty agenda there would be a write, and a concurrent setAgenda on another replica could lose
 * to it.
 */
function findAgenda(doc: Y.Doc): Y.Map<YRecord> | null {
	const agenda = root(doc).get(KEY.agenda);
	return agenda instanceof Y.Map ? (agenda as Y.Map<YRecord>) : null;
}

/** Adds a stage at the end of the agenda and returns its id. */
export function addStage(doc: Y.Doc, stage: Omit<Stage, 'id' | 'order'>): string {
	const id = newId();
	doc.transact(() => {
		const order = Math.max(-1, ...listStages(doc).map((s) => s.order)) + 1;
		agendaMap(doc).set(id, makeRecord({ ...stage, id, order }));
	});
	return id;
}

/** Changes some of a stage's fields; false if the stage is gone. */
export function updateStage(
	doc: Y.Doc,
	id: string,
	fields: Partial<Omit<Stage, 'id' | 'order'>>
): boolean {
	const record = findAgenda(doc)?.get(id);
	if (!(record instanceof Y.Map)) return false;
	doc.transact(() => {
		for (const [key, value] of Object.entries(fields)) {
			if (value !== undefined) record.set(key, value);
		}
	});
	return true;
}

/** Moves a stage one place up (-1) or down (+1) the agenda. */
export function moveStage(doc: Y.Doc, id: string, by: -1 | 1): void {
	const stages = listStages(doc);
	const from = stages.findIndex((stage) => stage.id === id);
	const to = from + by;
	if (from === -1 || to < 0 || to >= stages.length) return;
	[stages[from], stages[to]] = [stages[to], stages[from]];
	doc.transact(() => {
		stages.forEach((stage, order) => {
			const record = findAgenda(doc)?.get(stage.id);
			if (record instanceof Y.Map && num(record, 'order') !== order) record.set('order', order);
		});
	});
}

/** Removes a stage; if it was the current one, no stage is current. */
export function removeStage(doc: Y.Doc, id: string): void {
	doc.transact(() => {
		const agenda = findAgenda(doc);
		if (agenda?.has(id)) agenda.delete(id);
		if (root(doc).get(KEY.stage) === id) root(doc).delete(KEY.stage);
	});
}
