import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { deleteAction, getAction } from './actions.ts';
import { initBoard } from './board-doc.ts';
import { addCard, getCard } from './cards.ts';
import { actionOfCard, promoteCard, titleFromCardText } from './promote.ts';

function board(): Y.Doc {
	const doc = new Y.Doc();
	initBoard(doc, { title: 'T', place: 'P', preset: 'cles' });
	return doc;
}

describe('promoting a card to an action', () => {
	it('makes an action in the card’s pillar and links the two both ways', () => {
		const doc = board();
		const cardId = addCard(doc, { pillar: 'finance', text: 'Credit union desk', partnerId: 'kth' });
		const actionId = promoteCard(doc, cardId)!;
		expect(getAction(doc, actionId)).toMatchObject({
			title: 'Credit union desk',
			pillar: 'finance',
			cardId,
			lead: 'kth',
			ref: ''
		});
		expect(getCard(doc, cardId)!.actionId).toBe(actionId);
		expect(actionOfCard(doc, cardId)).toBe(actionId);
	});

	it('returns the existing action when the card was promoted already', () => {
		const doc = board();
		const cardId = addCard(doc, { pillar: 'spend', text: 'Idea' });
		const first = promoteCard(doc, cardId);
		expect(promoteCard(doc, cardId)).toBe(first);
	});

	it('unlinks the card when its action is deleted', () => {
		const doc = board();
		const cardId = addCard(doc, { pillar: 'spend', text: 'Idea' });
		const actionId = promoteCard(doc, cardId)!;
		deleteAction(doc, actionId);
		expect(getCard(doc, cardId)!.actionId).toBeNull();
		expect(actionOfCard(doc, cardId)).toBeNull();
	});

	it('takes the first line of a long card as the title and keeps all of it as the description', () => {
		expect(titleFromCardText('Map vacant buildings\nstart with the town centre')).toEqual({
			title: 'Map vacant buildings',
			description: 'Map vacant buildings\nstart with the town centre'
		});
		const long = 'word '.repeat(40).trim();
		const { title } = titleFromCardText(long);
		expect(title.length).toBeLessThanOrEqual(121);
		expect(title.endsWith('…')).toBe(true);
	});
});
