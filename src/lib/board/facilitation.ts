/**
 * How the facilitator runs the workshop live: the current stage of the agenda (agenda.ts), the
 * shared timer (shared-timer.ts), locks, private brainstorming, and where everyone is asked to
 * look (follow me, summon). All of it lives under the `facilitation` top-level map, which only
 * facilitators (and the server) write. Secrets (votes, private cards, self-scores) are never here
 * before they are revealed: the server keeps them in its database (DESIGN §3).
 */
import * as Y from 'yjs';
import { makeRecord, newId, num, str } from './board-doc.ts';
import { DEFAULT_STAGES, listStages, setAgenda, type Stage } from './agenda.ts';
import { KEY, child, root } from './facilitation-map.ts';
import { readTimer, startTimer, type Timer } from './shared-timer.ts';

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
	/** Name of the facilitator who made it ('' if unknown), for "Nia brought everyone to …". */
	by: string;
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

/** Sentences for what a lock stops, for the UI and the server's refusal alike. */
export const LOCK_REFUSAL = {
	board: 'The facilitator has locked the board for now: changes are not saved.',
	lane: (label: string) => `The facilitator has locked the ${label} lane for now.`
} as const;

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
	return { id, kind, target, at: num(summon, 'at'), by: str(summon, 'by') };
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

/**
 * Sets up a new workshop's facilitation: the standard CWB run-sheet, and the timer and lock maps
 * made up front. Two facilitators each making one of those maps at the same moment would each
 * write a whole new map, and one of their edits would be lost.
 */
export function initFacilitation(doc: Y.Doc): void {
	doc.transact(() => {
		setAgenda(doc, DEFAULT_STAGES);
		child(doc, KEY.timer);
		child(doc, KEY.locks);
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

/** Brings everyone to a lane or a card, once (`by`: the facilitator's name); returns its id. */
export function summon(
	doc: Y.Doc,
	kind: Summon['kind'],
	target: string,
	now: number,
	by = ''
): string {
	const id = newId();
	root(doc).set(KEY.summon, makeRecord({ id, kind, target, at: now, by }));
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
