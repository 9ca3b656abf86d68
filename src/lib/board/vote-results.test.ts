import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addAction } from './actions.ts';
import { initBoard } from './board-doc.ts';
import { addCard, deleteCard } from './cards.ts';
import { itemLabel, markVotedItems, rankResults, votesOnItems } from './vote-results.ts';
import type { VoteSession } from './votes.ts';

describe('ranking results', () => {
	it('puts the most votes first and lets equal totals share a rank, in the order offered', () => {
		const totals = new Map([
			['b', 4],
			['c', 2],
			['d', 4]
		]);
		expect(rankResults(['a', 'b', 'c', 'd'], totals, (item) => item.toUpperCase())).toEqual([
			{ item: 'b', label: 'B', votes: 4, rank: 1 },
			{ item: 'd', label: 'D', votes: 4, rank: 1 },
			{ item: 'c', label: 'C', votes: 2, rank: 3 },
			{ item: 'a', label: 'A', votes: 0, rank: 4 }
		]);
	});
});

describe('what results say on cards and actions', () => {
	it('labels a card by its first line, an action by its ref and title, and a deleted one as such', () => {
		const doc = new Y.Doc();
		initBoard(doc, { title: 'T', place: 'P', preset: 'cles' });
		const card = addCard(doc, { pillar: 'spend', text: 'Local food\nin every school' });
		const action = addAction(doc, { pillar: 'spend', ref: 'SP-02', title: 'Meet the buyer' });
		const gone = addCard(doc, { pillar: 'spend', text: 'Gone' });
		deleteCard(doc, gone);
		expect(itemLabel(doc, 'cards', card)).toBe('Local food');
		expect(itemLabel(doc, 'actions', action)).toBe('SP-02 Meet the buyer');
		expect(itemLabel(doc, 'cards', gone)).toBe('A card since deleted');
		expect(
			itemLabel(doc, 'cards', addCard(doc, { pillar: 'land', text: 'x'.repeat(200) }))
		).toHaveLength(120);
	});

	it('writes each count and its vote on the items that still exist, and reads them back', () => {
		const doc = new Y.Doc();
		initBoard(doc, { title: 'T', place: 'P', preset: 'cles' });
		const kept = addCard(doc, { pillar: 'spend', text: 'Kept' });
		const vote: VoteSession = {
			id: 'v1',
			title: 'Which?',
			kind: 'cards',
			items: [kept, 'deleted'],
			budget: 3,
			per: 'person',
			maxPerItem: 3,
			status: 'revealed',
			voters: 1,
			openedAt: 1,
			openedBy: 'Nia',
			endedAt: 2,
			results: rankResults([kept, 'deleted'], new Map([[kept, 3]]), String)
		};
		markVotedItems(doc, vote);
		expect(Object.fromEntries(votesOnItems(doc, 'cards'))).toEqual({
			[kept]: { votes: 3, voteId: 'v1' }
		});
		expect(votesOnItems(doc, 'actions').size).toBe(0);
	});
});
