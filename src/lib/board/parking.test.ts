import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addPartner, initBoard, listPartners } from './board-doc.ts';
import { PARKING_LOT } from './card-lane.ts';
import { placeCards } from './card-edits.ts';
import { addCard, getCard, listCards, moveCardToPillar } from './cards.ts';
import {
	addCarriedCards,
	cardsToCarry,
	laneToReturnTo,
	listParkedCards,
	markCarried,
	matchPartners,
	parkCards,
	unparkCards
} from './parking.ts';
import { removePillar } from './pillar-set.ts';
import { promoteCard } from './promote.ts';

function board(): Y.Doc {
	const doc = new Y.Doc();
	initBoard(doc, { title: 'T', place: 'P', preset: 'cles' });
	return doc;
}

describe('parking cards', () => {
	it('parks cards at the bottom of the parking lot, remembering the lane each came from', () => {
		const doc = board();
		const a = addCard(doc, { pillar: 'spend', text: 'Car parks' });
		const b = addCard(doc, { pillar: 'land', text: 'Bus lanes' });
		parkCards(doc, [a, b]);
		expect(listParkedCards(doc).map((card) => [card.text, card.parkedFrom])).toEqual([
			['Car parks', 'spend'],
			['Bus lanes', 'land']
		]);
		expect(getCard(doc, b)).toMatchObject({ pillar: PARKING_LOT, x: 0, y: 140 + 16 });
	});

	it('brings a parked card back to the lane it came from, or to a lane chosen', () => {
		const doc = board();
		const a = addCard(doc, { pillar: 'spend', text: 'Car parks' });
		const b = addCard(doc, { pillar: 'spend', text: 'Bus lanes' });
		parkCards(doc, [a, b]);
		unparkCards(doc, [a]);
		unparkCards(doc, [b], 'finance');
		expect(getCard(doc, a)).toMatchObject({ pillar: 'spend', parkedFrom: null });
		expect(getCard(doc, b)).toMatchObject({ pillar: 'finance', parkedFrom: null });
		expect(listParkedCards(doc)).toEqual([]);
	});

	it('sends a card back to the first lane when the lane it came from was removed', () => {
		const doc = board();
		const a = addCard(doc, { pillar: 'land', text: 'Allotments' });
		parkCards(doc, [a]);
		removePillar(doc, 'land', { action: 'delete' });
		expect(laneToReturnTo(doc, getCard(doc, a)!)).toBe('spend');
		unparkCards(doc, [a]);
		expect(getCard(doc, a)!.pillar).toBe('spend');
	});

	it('parks and unparks by dragging or the keyboard too, keeping the lane it came from', () => {
		const doc = board();
		const a = addCard(doc, { pillar: 'ownership', text: 'Co-op bakery' });
		placeCards(doc, [{ id: a, pillar: PARKING_LOT, x: 12, y: 30 }]);
		expect(getCard(doc, a)).toMatchObject({ pillar: PARKING_LOT, parkedFrom: 'ownership', x: 12 });
		moveCardToPillar(doc, a, 'finance');
		expect(getCard(doc, a)).toMatchObject({ pillar: 'finance', parkedFrom: null });
	});

	it('does not make an action of a parked card', () => {
		const doc = board();
		const a = addCard(doc, { pillar: 'spend', text: 'Off topic' });
		parkCards(doc, [a]);
		expect(promoteCard(doc, a)).toBeNull();
		expect(getCard(doc, a)!.actionId).toBeNull();
	});
});

describe('carrying parked cards into the next workshop', () => {
	it('matches partners between boards by code, then by name', () => {
		const from = board();
		const to = board();
		const council = addPartner(from, {
			code: 'KBC',
			name: 'Council',
			type: 'council',
			colour: '#111111'
		});
		const trust = addPartner(from, {
			code: 'KTH',
			name: 'Hospital trust',
			type: 'nhs',
			colour: '#222222'
		});
		const college = addPartner(from, {
			code: 'VC',
			name: 'Vale College',
			type: 'college',
			colour: '#333333'
		});
		const councilThere = addPartner(to, {
			code: 'kbc',
			name: 'Borough council',
			type: 'council',
			colour: '#111111'
		});
		const trustThere = addPartner(to, {
			code: 'NHS1',
			name: 'hospital trust ',
			type: 'nhs',
			colour: '#222222'
		});
		const matches = matchPartners(listPartners(from), listPartners(to));
		expect(matches.get(council)).toBe(councilThere);
		expect(matches.get(trust)).toBe(trustThere);
		expect(matches.has(college)).toBe(false);
	});

	it('copies cards with their text, author and partner into the parking lot, marked as carried', () => {
		const from = board();
		const to = board();
		const a = addCard(from, {
			pillar: 'land',
			text: 'Community land trust',
			authorId: 'u1',
			authorName: 'Sam Reid',
			partnerId: 'p-from',
			tags: ['later']
		});
		parkCards(from, [a]);
		const [copy] = addCarriedCards(
			to,
			cardsToCarry(from),
			{ workshopId: 'w1', title: 'Spring workshop' },
			new Map([['p-from', 'p-to']]),
			1000
		);
		expect(getCard(to, copy)).toMatchObject({
			pillar: PARKING_LOT,
			text: 'Community land trust',
			authorName: 'Sam Reid',
			partnerId: 'p-to',
			tags: ['later'],
			parkedFrom: 'land',
			carriedFrom: { workshopId: 'w1', title: 'Spring workshop', at: 1000 },
			carriedTo: null
		});
	});

	it('leaves the partner out when the next board has no such partner', () => {
		const from = board();
		const to = board();
		const a = addCard(from, { pillar: 'spend', text: 'x', partnerId: 'gone' });
		parkCards(from, [a]);
		const [copy] = addCarriedCards(
			to,
			cardsToCarry(from),
			{ workshopId: 'w', title: 'W' },
			new Map()
		);
		expect(getCard(to, copy)!.partnerId).toBeNull();
	});

	it('carries each card once: cards marked as carried are not offered again', () => {
		const doc = board();
		const a = addCard(doc, { pillar: 'spend', text: 'One' });
		const b = addCard(doc, { pillar: 'spend', text: 'Two' });
		addCard(doc, { pillar: 'spend', text: 'In a lane' });
		parkCards(doc, [a, b]);
		expect(cardsToCarry(doc).map((card) => card.text)).toEqual(['One', 'Two']);
		markCarried(doc, [a], { workshopId: 'w2', title: 'Autumn workshop' }, 2000);
		expect(cardsToCarry(doc).map((card) => card.text)).toEqual(['Two']);
		expect(getCard(doc, a)!.carriedTo).toEqual({
			workshopId: 'w2',
			title: 'Autumn workshop',
			at: 2000
		});
		// Still in this board's parking lot, for the record.
		expect(listCards(doc).filter((card) => card.pillar === PARKING_LOT)).toHaveLength(2);
	});
});
