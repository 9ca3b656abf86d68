import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DEFAULT_STAGES, listStages, setAgenda, updateStage, type Stage } from './agenda.ts';
import { makeRecord } from './board-doc.ts';
import {
	LOCK_REFUSAL,
	enterStage,
	initFacilitation,
	isPrivateMode,
	lockProblem,
	readFacilitation,
	readLocks,
	setBoardLock,
	setFollow,
	setLaneLock,
	setPrivateMode,
	summon
} from './facilitation.ts';
import { KEY, root } from './facilitation-map.ts';
import { pauseTimer, readTimer, startTimer, timeLeft } from './shared-timer.ts';

const MINUTE = 60_000;
/** Server time at which each test enters its stage. */
const T0 = 1_700_000_000_000;

type StageFields = Omit<Stage, 'id' | 'order'>;

const FRAME: StageFields = {
	name: 'Frame',
	minutes: 15,
	startTimer: true,
	privateMode: false,
	lockBoard: true,
	voting: false
};
const IDEATE: StageFields = {
	name: 'Ideate',
	minutes: 20,
	startTimer: true,
	privateMode: true,
	lockBoard: false,
	voting: false
};
const DISCUSS: StageFields = {
	name: 'Discuss',
	minutes: 10,
	startTimer: false,
	privateMode: false,
	lockBoard: false,
	voting: false
};
const OPEN_ENDED: StageFields = { ...IDEATE, name: 'Open-ended', minutes: 0 };

/** A document with the given agenda; returns it and the stages' ids. */
function withAgenda(...stages: StageFields[]): { doc: Y.Doc; ids: string[] } {
	const doc = new Y.Doc();
	return { doc, ids: setAgenda(doc, stages) };
}

/** Counts the updates and the transactions a change makes. */
function countWrites(doc: Y.Doc, change: () => void): { updates: number; transactions: number } {
	const counts = { updates: 0, transactions: 0 };
	const onUpdate = () => counts.updates++;
	const onTransaction = (transaction: Y.Transaction) => {
		if (transaction.changed.size > 0) counts.transactions++;
	};
	doc.on('update', onUpdate);
	doc.on('afterTransaction', onTransaction);
	change();
	doc.off('update', onUpdate);
	doc.off('afterTransaction', onTransaction);
	return counts;
}

/** Sends each replica what the other has that it lacks. */
function exchange(a: Y.Doc, b: Y.Doc): void {
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
	Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe('enterStage', () => {
	it('makes the stage current and starts the timer for its minutes at the given server time', () => {
		const { doc, ids } = withAgenda(FRAME, IDEATE);
		const entered = enterStage(doc, ids[1], T0);
		expect(entered).toMatchObject({ id: ids[1], name: 'Ideate' });
		const state = readFacilitation(doc);
		expect(state.stageId).toBe(ids[1]);
		expect(state.timer).toEqual({
			durationMs: 20 * MINUTE,
			endsAt: T0 + 20 * MINUTE,
			remainingMs: 20 * MINUTE
		});
	});

	it('applies the timer, the board lock and private brainstorming in one transaction', () => {
		const { doc, ids } = withAgenda(FRAME, IDEATE);
		enterStage(doc, ids[0], T0);
		const counts = countWrites(doc, () => enterStage(doc, ids[1], T0 + MINUTE));
		expect(counts).toEqual({ updates: 1, transactions: 1 });
		const state = readFacilitation(doc);
		expect(state.locks.board).toBe(false);
		expect(state.privateMode).toBe(true);
		expect(state.timer.endsAt).toBe(T0 + 21 * MINUTE);
	});

	it('locks the board and turns private brainstorming off for a stage that asks for that', () => {
		const { doc, ids } = withAgenda(FRAME, IDEATE);
		enterStage(doc, ids[1], T0);
		enterStage(doc, ids[0], T0 + MINUTE);
		expect(readLocks(doc).board).toBe(true);
		expect(isPrivateMode(doc)).toBe(false);
	});

	it('leaves the timer as it was for a stage that does not start one', () => {
		const { doc, ids } = withAgenda(FRAME, DISCUSS);
		enterStage(doc, ids[0], T0);
		pauseTimer(doc, T0 + 5 * MINUTE);
		const before = readTimer(doc);
		enterStage(doc, ids[1], T0 + 6 * MINUTE);
		expect(readFacilitation(doc).stageId).toBe(ids[1]);
		expect(readTimer(doc)).toEqual(before);
	});

	it('does not start a timer for a stage of zero minutes even if it asks for one', () => {
		const { doc, ids } = withAgenda(OPEN_ENDED);
		enterStage(doc, ids[0], T0);
		expect(readTimer(doc)).toEqual({ durationMs: 0, endsAt: null, remainingMs: 0 });
		expect(isPrivateMode(doc)).toBe(true);
	});

	it('returns null and changes nothing for a stage that is not on the agenda', () => {
		const { doc } = withAgenda(FRAME);
		let entered: Stage | null = listStages(doc)[0];
		expect(countWrites(doc, () => (entered = enterStage(doc, 'gone', T0))).updates).toBe(0);
		expect(entered).toBeNull();
		expect(readFacilitation(doc).stageId).toBeNull();
	});

	it('uses the stage as it was last edited', () => {
		const { doc, ids } = withAgenda(FRAME);
		updateStage(doc, ids[0], { minutes: 5, lockBoard: false });
		enterStage(doc, ids[0], T0);
		expect(timeLeft(readTimer(doc), T0)).toBe(5 * MINUTE);
		expect(readLocks(doc).board).toBe(false);
	});
});

describe('locks', () => {
	it('reads no locks on a board where none were ever set', () => {
		expect(readLocks(new Y.Doc())).toEqual({ board: false, lanes: [] });
	});

	it('locks and unlocks the whole board', () => {
		const doc = new Y.Doc();
		setBoardLock(doc, true);
		expect(readLocks(doc)).toEqual({ board: true, lanes: [] });
		setBoardLock(doc, false);
		expect(readLocks(doc)).toEqual({ board: false, lanes: [] });
	});

	it('writes nothing when the board lock is already as asked', () => {
		const doc = new Y.Doc();
		setBoardLock(doc, true);
		expect(countWrites(doc, () => setBoardLock(doc, true)).updates).toBe(0);
	});

	it('locks lanes by pillar key and lists them sorted', () => {
		const doc = new Y.Doc();
		setLaneLock(doc, 'spend', true);
		setLaneLock(doc, 'land', true);
		expect(readLocks(doc)).toEqual({ board: false, lanes: ['land', 'spend'] });
		setLaneLock(doc, 'spend', false);
		expect(readLocks(doc).lanes).toEqual(['land']);
	});

	it('ignores lock entries that are not a true lane lock', () => {
		const doc = new Y.Doc();
		setLaneLock(doc, 'land', true);
		const locks = root(doc).get(KEY.locks) as Y.Map<unknown>;
		locks.set('lane:spend', 'yes');
		locks.set('stranger', true);
		locks.set('board', 1);
		expect(readLocks(doc)).toEqual({ board: false, lanes: ['land'] });
	});
});

describe('lockProblem', () => {
	it('gives the board lock sentence when the board is locked, even if the lane is too', () => {
		expect(lockProblem({ board: true, lanes: ['spend'] }, 'spend', 'Spend')).toBe(
			LOCK_REFUSAL.board
		);
	});

	it('names the lane when only that lane is locked', () => {
		expect(
			lockProblem({ board: false, lanes: ['spend'] }, 'spend', 'Progressive procurement')
		).toBe('The facilitator has locked the Progressive procurement lane for now.');
	});

	it('finds no problem for a lane that is not locked on an unlocked board', () => {
		expect(lockProblem({ board: false, lanes: ['spend'] }, 'land', 'Land')).toBeNull();
		expect(lockProblem({ board: false, lanes: [] }, 'land', 'Land')).toBeNull();
	});
});

describe('follow and summon', () => {
	it('has everyone follow a facilitator, and then no one', () => {
		const doc = new Y.Doc();
		setFollow(doc, 'user-1');
		expect(readFacilitation(doc).followUserId).toBe('user-1');
		setFollow(doc, null);
		expect(readFacilitation(doc).followUserId).toBeNull();
		expect(root(doc).has(KEY.follow)).toBe(false);
	});

	it('reads an empty or non-string follow as no one', () => {
		const doc = new Y.Doc();
		root(doc).set(KEY.follow, '');
		expect(readFacilitation(doc).followUserId).toBeNull();
		root(doc).set(KEY.follow, 7);
		expect(readFacilitation(doc).followUserId).toBeNull();
	});

	it('reads back a summon with its kind, target and time, and no name when none is given', () => {
		const doc = new Y.Doc();
		const id = summon(doc, 'lane', 'spend', T0);
		expect(readFacilitation(doc).summon).toEqual({
			id,
			kind: 'lane',
			target: 'spend',
			at: T0,
			by: ''
		});
	});

	it('records who made a summon, for "Nia brought everyone to …"', () => {
		const doc = new Y.Doc();
		summon(doc, 'card', 'card-1', T0, 'Nia');
		expect(readFacilitation(doc).summon?.by).toBe('Nia');
	});

	it('gives each summon a new id, so clients act on a repeated summon again', () => {
		const doc = new Y.Doc();
		const first = summon(doc, 'card', 'card-1', T0);
		const second = summon(doc, 'card', 'card-1', T0);
		expect(second).not.toBe(first);
		expect(readFacilitation(doc).summon?.id).toBe(second);
	});

	it('reads a malformed summon as none', () => {
		const malformed: Record<string, unknown>[] = [
			{ id: 's1', kind: 'pillar', target: 'spend', at: T0 },
			{ id: 's1', kind: 'lane', target: '', at: T0 },
			{ id: '', kind: 'lane', target: 'spend', at: T0 },
			{ kind: 'card', target: 'card-1', at: T0 }
		];
		for (const fields of malformed) {
			const doc = new Y.Doc();
			root(doc).set(KEY.summon, makeRecord(fields));
			expect(readFacilitation(doc).summon).toBeNull();
		}
		const doc = new Y.Doc();
		root(doc).set(KEY.summon, 'spend');
		expect(readFacilitation(doc).summon).toBeNull();
	});

	it('reads a summon with a garbled time as one made at time zero', () => {
		const doc = new Y.Doc();
		root(doc).set(KEY.summon, makeRecord({ id: 's1', kind: 'lane', target: 'spend', at: 'now' }));
		expect(readFacilitation(doc).summon).toEqual({
			id: 's1',
			kind: 'lane',
			target: 'spend',
			at: 0,
			by: ''
		});
	});
});

describe('readFacilitation', () => {
	it('reads an empty document as a workshop that has not started', () => {
		expect(readFacilitation(new Y.Doc())).toEqual({
			stages: [],
			stageId: null,
			timer: { durationMs: 0, endsAt: null, remainingMs: 0 },
			locks: { board: false, lanes: [] },
			privateMode: false,
			followUserId: null,
			summon: null
		});
	});

	it('reads a non-string current stage and a non-true private mode as none', () => {
		const doc = new Y.Doc();
		root(doc).set(KEY.stage, 3);
		root(doc).set(KEY.privateMode, 'on');
		const state = readFacilitation(doc);
		expect(state.stageId).toBeNull();
		expect(state.privateMode).toBe(false);
	});

	it('turns private brainstorming on and off', () => {
		const doc = new Y.Doc();
		setPrivateMode(doc, true);
		expect(readFacilitation(doc).privateMode).toBe(true);
		setPrivateMode(doc, false);
		expect(readFacilitation(doc).privateMode).toBe(false);
	});
});

describe('two replicas', () => {
	it('agree on everything after concurrent edits by two facilitators', () => {
		const { doc: a, ids } = withAgenda(FRAME, IDEATE, DISCUSS);
		enterStage(a, ids[0], T0);
		const b = new Y.Doc();
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));

		enterStage(a, ids[1], T0 + MINUTE);
		setFollow(a, 'facilitator-a');
		setLaneLock(b, 'spend', true);
		updateStage(b, ids[2], { minutes: 12 });
		summon(b, 'lane', 'land', T0 + MINUTE);
		exchange(a, b);

		const state = readFacilitation(a);
		expect(readFacilitation(b)).toEqual(state);
		expect(state.stageId).toBe(ids[1]);
		expect(state.privateMode).toBe(true);
		expect(state.locks).toEqual({ board: false, lanes: ['spend'] });
		expect(state.followUserId).toBe('facilitator-a');
		expect(state.stages[2].minutes).toBe(12);
		expect(state.summon).toMatchObject({ kind: 'lane', target: 'land' });
	});

	it('agree on one stage and one timer when both enter different stages at once', () => {
		const { doc: a, ids } = withAgenda(FRAME, IDEATE);
		const b = new Y.Doc();
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		enterStage(a, ids[0], T0);
		enterStage(b, ids[1], T0 + 1_000);
		startTimer(b, 2 * MINUTE, T0 + 2_000);
		exchange(a, b);

		const state = readFacilitation(a);
		expect(readFacilitation(b)).toEqual(state);
		expect(ids).toContain(state.stageId);
	});
});

describe('initFacilitation', () => {
	it('gives a new board the standard run-sheet and its timer and lock maps, so that two facilitators’ first edits both survive', () => {
		const a = new Y.Doc();
		initFacilitation(a);
		expect(listStages(a).map((stage) => stage.name)).toEqual(
			DEFAULT_STAGES.map((stage) => stage.name)
		);
		const b = new Y.Doc();
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		setBoardLock(a, true);
		setLaneLock(b, 'land', true);
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		expect(readLocks(a)).toEqual({ board: true, lanes: ['land'] });
		expect(readLocks(b)).toEqual(readLocks(a));
	});
});
