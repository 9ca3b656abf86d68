import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { initBoard, listPillars } from '$lib/board/board-doc';
import { PARKING_LOT } from '$lib/board/card-lane';
import { addCard } from '$lib/board/cards';
import { LOCK_REFUSAL, setBoardLock, setLaneLock } from '$lib/board/facilitation';
import { parkCards } from '$lib/board/parking';
import { anyLock, lanesOfCards, lanesOfParking, lockedLanesProblem } from './edit-locks';

function board(): Y.Doc {
	const doc = new Y.Doc();
	initBoard(doc, { title: 'T', place: 'P', preset: 'cles' });
	return doc;
}

const labelOf = (doc: Y.Doc, key: string) => listPillars(doc).find((p) => p.key === key)!.label;

describe('lockedLanesProblem', () => {
	it('stops nobody while nothing is locked', () => {
		const doc = board();
		expect(lockedLanesProblem(doc, 'partner', ['spend', PARKING_LOT])).toBeNull();
	});

	it("stops a partner in a locked lane with the lane's sentence, and not in the others", () => {
		const doc = board();
		setLaneLock(doc, 'spend', true);
		expect(lockedLanesProblem(doc, 'partner', ['land', 'spend'])).toBe(
			LOCK_REFUSAL.lane(labelOf(doc, 'spend'))
		);
		expect(lockedLanesProblem(doc, 'partner', ['land', PARKING_LOT])).toBeNull();
	});

	it('stops a partner everywhere while the board is locked, even for a change that names no lane', () => {
		const doc = board();
		setBoardLock(doc, true);
		expect(lockedLanesProblem(doc, 'partner', [PARKING_LOT])).toBe(LOCK_REFUSAL.board);
		expect(lockedLanesProblem(doc, 'partner', [])).toBe(LOCK_REFUSAL.board);
	});

	it('never stops a facilitator', () => {
		const doc = board();
		setBoardLock(doc, true);
		setLaneLock(doc, 'spend', true);
		expect(lockedLanesProblem(doc, 'facilitator', ['spend'])).toBeNull();
	});

	it('lets a partner through again once the lane is unlocked', () => {
		const doc = board();
		setLaneLock(doc, 'spend', true);
		setLaneLock(doc, 'spend', false);
		expect(lockedLanesProblem(doc, 'partner', ['spend'])).toBeNull();
	});
});

describe('the lanes an edit touches', () => {
	it('are the lanes the cards are in, each once, skipping unknown cards', () => {
		const doc = board();
		const a = addCard(doc, { pillar: 'spend' });
		const b = addCard(doc, { pillar: 'spend' });
		const c = addCard(doc, { pillar: 'land' });
		expect(lanesOfCards(doc, [a, b, c, 'gone']).sort()).toEqual(['land', 'spend']);
	});

	it('include the parking lot when parking, and the lanes cards go back to when unparking', () => {
		const doc = board();
		const a = addCard(doc, { pillar: 'spend' });
		expect(lanesOfParking(doc, [a]).sort()).toEqual([PARKING_LOT, 'spend'].sort());
		parkCards(doc, [a]);
		expect(lanesOfParking(doc, [a]).sort()).toEqual([PARKING_LOT, 'spend'].sort());
		const b = addCard(doc, { pillar: 'land' });
		parkCards(doc, [b]);
		expect(lanesOfParking(doc, [a, b]).sort()).toEqual([PARKING_LOT, 'land', 'spend'].sort());
	});

	it('says whether anything is locked at all', () => {
		expect(anyLock({ board: false, lanes: [] })).toBe(false);
		expect(anyLock({ board: false, lanes: ['spend'] })).toBe(true);
		expect(anyLock({ board: true, lanes: [] })).toBe(true);
	});
});
