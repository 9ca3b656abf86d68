/**
 * How the facilitator runs the workshop live: the agenda and its current stage, the shared timer,
 * locks, private brainstorming, and where everyone is asked to look (follow me, summon). All of
 * it lives under the `facilitation` top-level map, which only facilitators (and the server) write.
 * Secrets (votes, private cards, self-scores) are never here before they are revealed: the
 * server keeps them in its database (DESIGN §3).
 */
import * as Y from 'yjs';
import { ROOT, makeRecord, newId, num, str, type YRecord } from './board-doc.ts';

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

/** The shared countdown. Times are the server's clock (see ServerClock in the client). */
export interface Timer {
	/** Length it was set to, in ms. */
	durationMs: number;
	/** When it reaches zero, in server ms, while running; null when paused or reset. */
	endsAt: number | null;
	/** What is left while paused or before it starts, in ms. */
	remainingMs: number;
}

/** What is locked: the whole board, and lanes by pillar key. */
export interface Locks {
	board: boolean;
	lanes: string[];
}

/** A one-off "come and look here" from the facilitator; clients act on each id once. */
export interface Summon {
	id: string;
	kind: 'lane' | 'card';
	/** Pillar key or card id. */
	target: string;
	at: number;
}

/** Everything the facilitation map holds, read tolerantly. */
export interface Facilitation {
	stages: Stage[];
	/** Id of the current stage, or null before the workshop starts. */
	stageId: string | null;
	timer: Timer;
	locks: Locks;
	privateMode: boolean;
	/** User id of the facilitator everyone follows, or null. */
	followUserId: string | null;
	summon: Summon | null;
}

const KEY = {
	agenda: 'agenda',
	stage: 'stage',
	timer: 'timer',
	locks: 'locks',
	privateMode: 'privateMode',
	follow: 'follow',
	summon: 'summon'
} as const;

/** Sentences for what a lock stops, for the UI and the server's refusal alike. */
export const LOCK_REFUSAL = {
	board: 'The facilitator has locked the board for now: changes are not saved.',
	lane: (label: string) => `The facilitator has locked the ${label} lane for now.`
} as const;

function root(doc: Y.Doc): Y.Map<unknown> {
	return doc.getMap<unknown>(ROOT.facilitation);
}

/** A nested map of the facilitation root, made on first write. */
function child(doc: Y.Doc, key: string): Y.Map<unknown> {
	const map = root(doc);
	const existing = map.get(key);
	if (existing instanceof Y.Map) return existing;
	const created = new Y.Map<unknown>();
	map.set(key, created);
	return created;
}

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

function readTimer(doc: Y.Doc): Timer {
	const timer = root(doc).get(KEY.timer);
	if (!(timer instanceof Y.Map)) return { durationMs: 0, endsAt: null, remainingMs: 0 };
	const endsAt = timer.get('endsAt');
	return {
		durationMs: Math.max(0, num(timer, 'durationMs')),
		endsAt: typeof endsAt === 'number' && Number.isFinite(endsAt) ? endsAt : null,
		remainingMs: Math.max(0, num(timer, 'remainingMs'))
	};
}

/** The locks in force. */
export function readLocks(doc: Y.Doc): Locks {
	const locks = root(doc).get(KEY.locks);
	if (!(locks instanceof Y.Map)) return { board: false, lanes: [] };
	const lanes: string[] = [];
	locks.forEach((value, key) => {
		if (key.startsWith('lane:') && value === true) lanes.push(key.slice('lane:'.length));
	});
	return { board: locks.get('board') === true, lanes: lanes.sort() };
}

/** Whether private brainstorming is on. */
export function isPrivateMode(doc: Y.Doc): boolean {
	return root(doc).get(KEY.privateMode) === true;
}

function readSummon(doc: Y.Doc): Summon | null {
	const summon = root(doc).get(KEY.summon);
	if (!(summon instanceof Y.Map)) return null;
	const kind = summon.get('kind');
	const target = str(summon, 'target');
	const id = str(summon, 'id');
	if ((kind !== 'lane' && kind !== 'card') || !target || !id) return null;
	return { id, kind, target, at: num(summon, 'at') };
}

/** Everything the facilitation map says. */
export function readFacilitation(doc: Y.Doc): Facilitation {
	const map = root(doc);
	const stage = map.get(KEY.stage);
	const follow = map.get(KEY.follow);
	return {
		stages: listStages(doc),
		stageId: typeof stage === 'string' && stage !== '' ? stage : null,
		timer: readTimer(doc),
		locks: readLocks(doc),
		privateMode: isPrivateMode(doc),
		followUserId: typeof follow === 'string' && follow !== '' ? follow : null,
		summon: readSummon(doc)
	};
}

/** Milliseconds left on the timer at server time `now` (never negative). */
export function timeLeft(timer: Timer, now: number): number {
	return timer.endsAt === null ? timer.remainingMs : Math.max(0, timer.endsAt - now);
}

/** Whether the timer is counting down at server time `now`. */
export function isRunning(timer: Timer, now: number): boolean {
	return timer.endsAt !== null && timer.endsAt > now;
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
	const record = agendaMap(doc).get(id);
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
			const record = agendaMap(doc).get(stage.id);
			if (record instanceof Y.Map && num(record, 'order') !== order) record.set('order', order);
		});
	});
}

/** Removes a stage; if it was the current one, no stage is current. */
export function removeStage(doc: Y.Doc, id: string): void {
	doc.transact(() => {
		agendaMap(doc).delete(id);
		if (root(doc).get(KEY.stage) === id) root(doc).delete(KEY.stage);
	});
}

/**
 * Makes a stage current and applies what it switches on: the timer (started at server time
 * `now` for the stage's minutes), the board lock and private brainstorming.
 */
export function enterStage(doc: Y.Doc, id: string, now: number): Stage | null {
	const stage = listStages(doc).find((s) => s.id === id);
	if (!stage) return null;
	doc.transact(() => {
		root(doc).set(KEY.stage, id);
		if (stage.startTimer && stage.minutes > 0) startTimer(doc, stage.minutes * 60_000, now);
		setBoardLock(doc, stage.lockBoard);
		setPrivateMode(doc, stage.privateMode);
	});
	return stage;
}

/** Sets the timer to `durationMs` and starts it at server time `now`. */
export function startTimer(doc: Y.Doc, durationMs: number, now: number): void {
	doc.transact(() => {
		const timer = child(doc, KEY.timer);
		timer.set('durationMs', durationMs);
		timer.set('remainingMs', durationMs);
		timer.set('endsAt', now + durationMs);
	});
}

/** Pauses a running timer, keeping what is left. */
export function pauseTimer(doc: Y.Doc, now: number): void {
	const timer = readTimer(doc);
	if (timer.endsAt === null) return;
	doc.transact(() => {
		const map = child(doc, KEY.timer);
		map.set('remainingMs', Math.max(0, timer.endsAt! - now));
		map.set('endsAt', null);
	});
}

/** Starts a paused timer again from what was left. */
export function resumeTimer(doc: Y.Doc, now: number): void {
	const timer = readTimer(doc);
	if (timer.endsAt !== null || timer.remainingMs <= 0) return;
	child(doc, KEY.timer).set('endsAt', now + timer.remainingMs);
}

/** Adds time to the timer, running or not (a finished timer restarts with the added time). */
export function addTime(doc: Y.Doc, ms: number, now: number): void {
	const timer = readTimer(doc);
	doc.transact(() => {
		const map = child(doc, KEY.timer);
		map.set('durationMs', timer.durationMs + ms);
		if (timer.endsAt === null) map.set('remainingMs', timer.remainingMs + ms);
		else map.set('endsAt', Math.max(timer.endsAt, now) + ms);
	});
}

/** Stops the timer and sets it back to its full length. */
export function resetTimer(doc: Y.Doc): void {
	const timer = readTimer(doc);
	doc.transact(() => {
		const map = child(doc, KEY.timer);
		map.set('endsAt', null);
		map.set('remainingMs', timer.durationMs);
	});
}

/** Locks or unlocks the whole board. */
export function setBoardLock(doc: Y.Doc, locked: boolean): void {
	const locks = child(doc, KEY.locks);
	if ((locks.get('board') === true) !== locked) locks.set('board', locked);
}

/** Locks or unlocks one lane. */
export function setLaneLock(doc: Y.Doc, pillar: string, locked: boolean): void {
	const locks = child(doc, KEY.locks);
	if (locked) locks.set(`lane:${pillar}`, true);
	else locks.delete(`lane:${pillar}`);
}

/** Turns private brainstorming on or off (revealing is the server's: see private-cards). */
export function setPrivateMode(doc: Y.Doc, on: boolean): void {
	if (isPrivateMode(doc) !== on) root(doc).set(KEY.privateMode, on);
}

/** Has everyone follow `userId`'s view, or no one (null). */
export function setFollow(doc: Y.Doc, userId: string | null): void {
	if (userId === null) root(doc).delete(KEY.follow);
	else root(doc).set(KEY.follow, userId);
}

/** Brings everyone to a lane or a card, once; returns the summon's id. */
export function summon(doc: Y.Doc, kind: Summon['kind'], target: string, now: number): string {
	const id = newId();
	root(doc).set(KEY.summon, makeRecord({ id, kind, target, at: now }));
	return id;
}

/**
 * Whether a card in lane `pillar` is locked, and why: a sentence for the UI, or null if it may
 * be changed.
 */
export function lockProblem(locks: Locks, pillar: string, laneLabel: string): string | null {
	if (locks.board) return LOCK_REFUSAL.board;
	if (locks.lanes.includes(pillar)) return LOCK_REFUSAL.lane(laneLabel);
	return null;
}
