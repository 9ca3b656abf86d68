import { beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { initBoard, rootMap, ROOT } from '../../src/lib/board/board-doc.ts';
import { addCard, moveCardToPillar } from '../../src/lib/board/cards.ts';
import { duplicateCards } from '../../src/lib/board/card-edits.ts';
import {
	addCarriedCards,
	markCarried,
	parkCards,
	unparkCards
} from '../../src/lib/board/parking.ts';
import { PARKING_REFUSAL, parkingChangeProblem } from './parking-policy.ts';
import { changesBy } from './write-policy.ts';

let server: Y.Doc;
let client: Y.Doc;
let cardId: string;

beforeEach(() => {
	server = new Y.Doc();
	initBoard(server, { title: 'T', place: 'P', preset: 'cles' });
	cardId = addCard(server, { pillar: 'spend', text: 'Off topic', authorName: 'Sam' });
	client = new Y.Doc();
	Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
});

/** What the server would say to a partner making `change` on their client. */
function verdict(change: (doc: Y.Doc) => unknown): string | null {
	const before = Y.encodeStateVector(client);
	change(client);
	const update = Y.decodeUpdate(Y.encodeStateAsUpdate(client, before));
	return parkingChangeProblem(server, changesBy(server, update));
}

describe('the parking lot, for partners', () => {
	it('lets a partner park a card, bring it back and move it on, by any of the ways the app has', () => {
		expect(verdict((doc) => parkCards(doc, [cardId]))).toBeNull();
		expect(verdict((doc) => unparkCards(doc, [cardId]))).toBeNull();
		expect(verdict((doc) => moveCardToPillar(doc, cardId, 'land'))).toBeNull();
	});

	it('lets a partner add and duplicate cards, which carry no marks', () => {
		expect(verdict((doc) => addCard(doc, { pillar: 'spend', text: 'New' }))).toBeNull();
		expect(
			verdict((doc) => duplicateCards(doc, [cardId], { authorName: 'Pat', partnerId: null }))
		).toBeNull();
	});

	it('refuses a partner who marks a card as carried into another workshop', () => {
		expect(verdict((doc) => markCarried(doc, [cardId], { workshopId: 'w', title: 'W' }))).toBe(
			PARKING_REFUSAL
		);
	});

	it('refuses a partner who adds a card claiming to come from another workshop', () => {
		const forged = { ...emptyCard(), text: 'forged' };
		expect(
			verdict((doc) => addCarriedCards(doc, [forged], { workshopId: 'w', title: 'W' }, new Map()))
		).toBe(PARKING_REFUSAL);
	});

	it('refuses a partner who takes a carry mark away from a card', () => {
		markCarried(server, [cardId], { workshopId: 'w', title: 'W' });
		Y.applyUpdate(client, Y.encodeStateAsUpdate(server, Y.encodeStateVector(client)));
		expect(
			verdict((doc) =>
				(rootMap(doc, ROOT.cards).get(cardId) as Y.Map<unknown>).set('carriedTo', null)
			)
		).toBe(PARKING_REFUSAL);
	});
});

function emptyCard() {
	return {
		id: 'x',
		text: '',
		pillar: 'spend',
		x: 0,
		y: 0,
		width: 240,
		height: 140,
		colour: '#fff4b8',
		authorId: null,
		authorName: '',
		partnerId: null,
		createdAt: 0,
		actionId: null,
		tags: [],
		cluster: null,
		parkedFrom: null,
		carriedTo: null,
		carriedFrom: null
	};
}
