import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { initBoard } from './board-doc.ts';
import {
	CARD_GAP,
	CARD_HEIGHT,
	CARD_COLOURS,
	addCard,
	cardColourFor,
	deleteCard,
	getCard,
	listCards,
	moveCardToPillar,
	setCardText
} from './cards.ts';

function newBoard(): Y.Doc {
	const doc = new Y.Doc();
	initBoard(doc, { title: 'T', place: 'P', preset: 'cles' });
	return doc;
}

/** Two replicas that exchange every update, like two browsers through the server. */
function connectedPair(): [Y.Doc, Y.Doc] {
	const a = newBoard();
	const b = new Y.Doc();
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
	a.on('update', (update: Uint8Array, origin: unknown) => {
		if (origin !== 'remote') Y.applyUpdate(b, update, 'remote');
	});
	b.on('update', (update: Uint8Array, origin: unknown) => {
		if (origin !== 'remote') Y.applyUpdate(a, update, 'remote');
	});
	return [a, b];
}

describe('cards', () => {
	it('adds a card with its text, author and partner at the bottom of its lane', () => {
		const doc = newBoard();
		const first = addCard(doc, {
			pillar: 'spend',
			text: 'Map the top suppliers',
			authorName: 'Nia'
		});
		const second = addCard(doc, { pillar: 'spend', authorId: 'u1', partnerId: 'p1' });
		const cards = listCards(doc);
		expect(cards.map((c) => c.id)).toEqual([first, second]);
		expect(cards[0]).toMatchObject({
			text: 'Map the top suppliers',
			pillar: 'spend',
			authorName: 'Nia'
		});
		expect(cards[1]).toMatchObject({
			text: '',
			authorId: 'u1',
			partnerId: 'p1',
			y: CARD_HEIGHT + CARD_GAP
		});
	});

	it('edits text as a minimal splice so that concurrent typing merges', () => {
		const a = newBoard();
		const id = addCard(a, { pillar: 'land', text: 'Community land' });
		const b = new Y.Doc();
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		// Offline from each other: one types at the start, the other at the end.
		setCardText(a, id, 'Open community land');
		setCardText(b, id, 'Community land trust');
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		expect(getCard(a, id)?.text).toBe('Open community land trust');
		expect(getCard(b, id)?.text).toBe('Open community land trust');
	});

	it('upgrades plain-string text written by a foreign client to collaborative text', () => {
		const doc = newBoard();
		const id = addCard(doc, { pillar: 'land' });
		(doc.getMap('cards').get(id) as Y.Map<unknown>).set('text', 'plain');
		expect(getCard(doc, id)?.text).toBe('plain');
		expect(setCardText(doc, id, 'plain and simple')).toBe(true);
		expect((doc.getMap('cards').get(id) as Y.Map<unknown>).get('text')).toBeInstanceOf(Y.Text);
		expect(getCard(doc, id)?.text).toBe('plain and simple');
	});

	it('moves a card to the bottom of another lane, which changes its pillar', () => {
		const doc = newBoard();
		addCard(doc, { pillar: 'finance', text: 'existing' });
		const id = addCard(doc, { pillar: 'spend', text: 'move me' });
		expect(moveCardToPillar(doc, id, 'finance')).toBe(true);
		const moved = getCard(doc, id);
		expect(moved?.pillar).toBe('finance');
		expect(moved?.y).toBe(CARD_HEIGHT + CARD_GAP);
		expect(
			listCards(doc)
				.filter((c) => c.pillar === 'finance')
				.map((c) => c.text)
		).toEqual(['existing', 'move me']);
	});

	it('deletes a card, and reports a card that is already gone', () => {
		const doc = newBoard();
		const id = addCard(doc, { pillar: 'spend' });
		expect(deleteCard(doc, id)).toBe(true);
		expect(deleteCard(doc, id)).toBe(false);
		expect(getCard(doc, id)).toBeNull();
		expect(setCardText(doc, id, 'x')).toBe(false);
		expect(moveCardToPillar(doc, id, 'land')).toBe(false);
	});

	it('keeps both cards when two people add one to the same lane at once', () => {
		const [a, b] = connectedPair();
		const fromA = addCard(a, { pillar: 'workforce', text: 'from A' });
		const fromB = addCard(b, { pillar: 'workforce', text: 'from B' });
		expect(
			listCards(a)
				.map((c) => c.id)
				.sort()
		).toEqual([fromA, fromB].sort());
		expect(listCards(a)).toEqual(listCards(b));
	});

	it('gives each person the same card colour every time, from the card palette', () => {
		expect(cardColourFor('user-1')).toBe(cardColourFor('user-1'));
		expect(CARD_COLOURS).toContain(cardColourFor('user-1'));
		const colours = new Set(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map(cardColourFor));
		expect(colours.size).toBeGreaterThan(1);
	});
});
