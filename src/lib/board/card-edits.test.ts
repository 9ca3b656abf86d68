import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { initBoard } from './board-doc.ts';
import {
	MAX_CARD_WIDTH,
	MIN_CARD_HEIGHT,
	duplicateCards,
	placeCards,
	renameCluster,
	resizeCard,
	setCardCluster,
	setCardColour,
	setCardTags
} from './card-edits.ts';
import { addCard, getCard, listCards } from './cards.ts';

function newBoard(): Y.Doc {
	const doc = new Y.Doc();
	initBoard(doc, { title: 'T', place: 'P', preset: 'cles' });
	return doc;
}

describe('card edits', () => {
	it('places a card in another lane at the dropped position, rounded and never negative', () => {
		const doc = newBoard();
		const id = addCard(doc, { pillar: 'spend', text: 'Idea' });
		placeCards(doc, [{ id, pillar: 'land', x: 40.6, y: -12 }]);
		expect(getCard(doc, id)).toMatchObject({ pillar: 'land', x: 41, y: 0 });
	});

	it('moves several cards in one transaction, so one undo takes the whole drag back', () => {
		const doc = newBoard();
		const a = addCard(doc, { pillar: 'spend' });
		const b = addCard(doc, { pillar: 'spend' });
		const undo = new Y.UndoManager(doc.getMap('cards'));
		placeCards(doc, [
			{ id: a, pillar: 'finance', x: 10, y: 10 },
			{ id: b, pillar: 'finance', x: 10, y: 200 }
		]);
		expect(listCards(doc).map((card) => card.pillar)).toEqual(['finance', 'finance']);
		undo.undo();
		expect(listCards(doc).map((card) => card.pillar)).toEqual(['spend', 'spend']);
	});

	it('keeps a resized card within the allowed size', () => {
		const doc = newBoard();
		const id = addCard(doc, { pillar: 'spend' });
		resizeCard(doc, id, 5000, 10);
		expect(getCard(doc, id)).toMatchObject({ width: MAX_CARD_WIDTH, height: MIN_CARD_HEIGHT });
		expect(resizeCard(doc, 'gone', 200, 200)).toBe(false);
	});

	it('colours cards with a hex colour and refuses anything else', () => {
		const doc = newBoard();
		const id = addCard(doc, { pillar: 'spend' });
		expect(setCardColour(doc, [id], '#D4E6FB')).toBe(true);
		expect(getCard(doc, id)?.colour).toBe('#d4e6fb');
		expect(setCardColour(doc, [id], 'red; background: url(x)')).toBe(false);
		expect(getCard(doc, id)?.colour).toBe('#d4e6fb');
	});

	it('sets tags tidied and without duplicates, and merges tags two people add at once', () => {
		const a = newBoard();
		const id = addCard(a, { pillar: 'spend' });
		setCardTags(a, id, ['  quick   win ', 'quick win', '', 'NHS']);
		expect(getCard(a, id)?.tags).toEqual(['quick win', 'NHS']);

		const b = new Y.Doc();
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		setCardTags(a, id, ['quick win', 'NHS', 'funded']);
		setCardTags(b, id, ['NHS', 'council']);
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		expect(getCard(a, id)?.tags.sort()).toEqual(['NHS', 'council', 'funded']);
		expect(getCard(b, id)?.tags).toEqual(getCard(a, id)?.tags);
	});

	it('groups cards into a named cluster, renames it, and takes cards out of it', () => {
		const doc = newBoard();
		const a = addCard(doc, { pillar: 'spend' });
		const b = addCard(doc, { pillar: 'land' });
		setCardCluster(doc, [a, b], ' Food  supply ');
		expect(listCards(doc).map((card) => card.cluster)).toEqual(['Food supply', 'Food supply']);
		renameCluster(doc, 'Food supply', 'Local food');
		expect(getCard(doc, a)?.cluster).toBe('Local food');
		setCardCluster(doc, [a], null);
		expect(getCard(doc, a)?.cluster).toBeNull();
		expect(getCard(doc, b)?.cluster).toBe('Local food');
	});

	it('duplicates cards beside the originals, authored by whoever duplicated them', () => {
		const doc = newBoard();
		const id = addCard(doc, { pillar: 'workforce', text: 'Care leavers', authorName: 'Sam' });
		setCardTags(doc, id, ['quick win']);
		const [copy] = duplicateCards(doc, [id, 'gone'], { authorName: 'Priya', partnerId: 'p2' });
		const original = getCard(doc, id)!;
		expect(getCard(doc, copy)).toMatchObject({
			text: 'Care leavers',
			pillar: 'workforce',
			authorName: 'Priya',
			partnerId: 'p2',
			tags: ['quick win'],
			x: original.x + 24,
			y: original.y + 24,
			actionId: null
		});
	});

	it('reads a version 1 card written without tags or cluster', () => {
		const doc = newBoard();
		const record = new Y.Map<unknown>();
		record.set('text', new Y.Text('Old card'));
		record.set('pillar', 'spend');
		doc.getMap('cards').set('old', record);
		expect(getCard(doc, 'old')).toMatchObject({ text: 'Old card', tags: [], cluster: null });
		expect(setCardTags(doc, 'old', ['kept'])).toBe(true);
		expect(getCard(doc, 'old')?.tags).toEqual(['kept']);
	});
});
