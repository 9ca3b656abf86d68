import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { initBoard, newId } from './board-doc.ts';
import { addCard, getCard, listCards } from './cards.ts';
import { isPrivateMode, setPrivateMode } from './facilitation.ts';
import { clearSpot, revealPrivateCards, type CardToReveal } from './private-reveal.ts';

function newBoard(): Y.Doc {
	const doc = new Y.Doc();
	initBoard(doc, { title: 'T', place: 'P', preset: 'cles' });
	return doc;
}

function privateCard(fields: Partial<CardToReveal> = {}): CardToReveal {
	return {
		id: newId(),
		pillar: 'spend',
		x: 0,
		y: 0,
		width: 240,
		height: 140,
		colour: '#d4e6fb',
		text: 'An idea',
		createdAt: 1_000,
		authorId: 'author-1',
		authorName: 'Asha Author',
		partnerId: 'partner-1',
		...fields
	};
}

describe('clearSpot', () => {
	it('keeps a card where it is when nothing is in the way', () => {
		expect(clearSpot([{ x: 300, y: 0, width: 100, height: 100 }], privateCard())).toBe(0);
	});

	it('pushes a card below what it would cover, again and again if needed', () => {
		const taken = [
			{ x: 0, y: 0, width: 240, height: 140 },
			{ x: 100, y: 156, width: 240, height: 100 }
		];
		expect(clearSpot(taken, privateCard({ y: 20 }))).toBe(156 + 100 + 16);
	});
});

describe('revealPrivateCards', () => {
	it('puts every card on the board as its author’s, with its own id, and ends private mode', () => {
		const doc = newBoard();
		setPrivateMode(doc, true);
		const card = privateCard({ pillar: 'land', x: 40, y: 60, text: 'Community land trust' });
		expect(revealPrivateCards(doc, [card])).toEqual([card.id]);
		expect(getCard(doc, card.id)).toMatchObject({
			pillar: 'land',
			x: 40,
			y: 60,
			text: 'Community land trust',
			colour: '#d4e6fb',
			authorId: 'author-1',
			authorName: 'Asha Author',
			partnerId: 'partner-1',
			createdAt: 1_000,
			tags: [],
			cluster: null,
			actionId: null
		});
		expect(isPrivateMode(doc)).toBe(false);
	});

	it('moves a card down its lane rather than over a card already there or revealed with it', () => {
		const doc = newBoard();
		addCard(doc, { pillar: 'spend', x: 0, y: 0 });
		const first = privateCard({ y: 10, createdAt: 1 });
		const second = privateCard({ y: 10, createdAt: 2 });
		const elsewhere = privateCard({ pillar: 'finance', y: 10 });
		revealPrivateCards(doc, [second, elsewhere, first]);
		expect(getCard(doc, first.id)!.y).toBe(156);
		expect(getCard(doc, second.id)!.y).toBe(312);
		expect(getCard(doc, elsewhere.id)!.y).toBe(10);
	});

	it('changes nothing the second time: cards already on the board are left as they are', () => {
		const doc = newBoard();
		const card = privateCard();
		revealPrivateCards(doc, [card]);
		const before = Y.encodeStateVector(doc);
		expect(revealPrivateCards(doc, [{ ...card, text: 'Changed' }])).toEqual([]);
		expect(listCards(doc)).toHaveLength(1);
		expect(getCard(doc, card.id)!.text).toBe('An idea');
		expect(Y.encodeStateVector(doc)).toEqual(before);
	});

	it('reaches another replica as one update', () => {
		const doc = newBoard();
		const other = new Y.Doc();
		Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
		const updates: Uint8Array[] = [];
		doc.on('update', (update: Uint8Array) => updates.push(update));
		setPrivateMode(doc, true);
		updates.length = 0;
		revealPrivateCards(doc, [privateCard(), privateCard({ pillar: 'workforce' })]);
		expect(updates).toHaveLength(1);
		Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
		expect(listCards(other)).toHaveLength(2);
	});
});
