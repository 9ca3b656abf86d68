import { beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { actionRecord, addAction } from '../../src/lib/board/actions.ts';
import { initBoard } from '../../src/lib/board/board-doc.ts';
import { addCard, cardRecord, deleteCard, setCardText } from '../../src/lib/board/cards.ts';
import { markVotedItems, rankResults } from '../../src/lib/board/vote-results.ts';
import { writeVote, type VoteSession } from '../../src/lib/board/votes.ts';
import { VOTE_REFUSAL, voteChangeProblem } from './vote-policy.ts';
import { changesBy } from './write-policy.ts';

let server: Y.Doc;
let cardA: string;
let cardB: string;
let actionId: string;

function revealedVote(id: string, totals: [string, number][], kind: 'cards' | 'actions' = 'cards') {
	const items = totals.map(([item]) => item);
	const vote: VoteSession = {
		id,
		title: 'Which first?',
		kind,
		items,
		budget: 5,
		per: 'person',
		maxPerItem: 3,
		status: 'revealed',
		voters: 2,
		openedAt: 1,
		openedBy: 'Nia',
		endedAt: 2,
		results: rankResults(items, new Map(totals), (item) => item)
	};
	writeVote(server, vote);
	markVotedItems(server, vote);
}

beforeEach(() => {
	server = new Y.Doc();
	initBoard(server, { title: 'T', place: 'P', preset: 'cles' });
	cardA = addCard(server, { pillar: 'spend', text: 'Local food' });
	cardB = addCard(server, { pillar: 'spend', text: 'Living wage' });
	actionId = addAction(server, { pillar: 'spend', ref: 'SP-01', title: 'Spend' });
	revealedVote('v1', [
		[cardA, 4],
		[cardB, 1]
	]);
});

/** A partner's replica of the server's board as it is now. */
function replica(): Y.Doc {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, Y.encodeStateAsUpdate(server));
	return doc;
}

/**
 * What the server would say to a partner making `change` on a replica (a fresh one by default:
 * an update carries its sender's whole delete set, so earlier refused edits would ride along).
 */
function verdict(change: (doc: Y.Doc) => unknown, on = replica()): string | null {
	const before = Y.encodeStateVector(on);
	change(on);
	const update = Y.decodeUpdate(Y.encodeStateAsUpdate(on, before));
	return voteChangeProblem(server, changesBy(server, update));
}

function sync(from: Y.Doc): void {
	Y.applyUpdate(server, Y.encodeStateAsUpdate(from, Y.encodeStateVector(server)));
}

describe('the votes a reveal writes on cards and actions', () => {
	it('leave ordinary edits of a voted card alone: text, moves, deleting it whole', () => {
		expect(verdict((doc) => setCardText(doc, cardA, 'Local food in schools'))).toBeNull();
		expect(verdict((doc) => cardRecord(doc, cardA)!.set('x', 40))).toBeNull();
		expect(verdict((doc) => deleteCard(doc, cardA))).toBeNull();
	});

	it('cannot be raised by a partner on a card that has them', () => {
		expect(verdict((doc) => cardRecord(doc, cardB)!.set('votes', 9))).toBe(VOTE_REFUSAL);
	});

	it('cannot be given to a card that had none, nor to an action', () => {
		const fresh = addCard(server, { pillar: 'land', text: 'New idea' });
		expect(
			verdict((doc) => {
				cardRecord(doc, fresh)!.set('votes', 4);
				cardRecord(doc, fresh)!.set('voteId', 'v1');
			})
		).toBe(VOTE_REFUSAL);
		expect(verdict((doc) => actionRecord(doc, actionId)!.set('votes', 3))).toBe(VOTE_REFUSAL);
	});

	it("cannot be borrowed from another card's result in the same vote", () => {
		expect(verdict((doc) => cardRecord(doc, cardB)!.set('votes', 4))).toBe(VOTE_REFUSAL);
	});

	it('cannot be pointed at a vote that is not revealed, or at another vote', () => {
		writeVote(server, {
			id: 'v2',
			title: 'Open one',
			kind: 'cards',
			items: [cardB],
			budget: 3,
			per: 'person',
			maxPerItem: 3,
			status: 'open',
			voters: 0,
			openedAt: 3,
			openedBy: 'Nia',
			endedAt: null,
			results: []
		});
		expect(verdict((doc) => cardRecord(doc, cardB)!.set('voteId', 'v2'))).toBe(VOTE_REFUSAL);
		expect(verdict((doc) => cardRecord(doc, cardB)!.set('voteId', 'nope'))).toBe(VOTE_REFUSAL);
	});

	it('cannot be removed from a card that stays', () => {
		expect(verdict((doc) => cardRecord(doc, cardA)!.delete('votes'))).toBe(VOTE_REFUSAL);
		expect(verdict((doc) => cardRecord(doc, cardA)!.set('votes', null))).toBe(VOTE_REFUSAL);
	});

	it('may be put back as revealed when a partner undoes deleting a voted card', () => {
		const client = replica();
		const undo = new Y.UndoManager(client.getMap('cards'));
		deleteCard(client, cardA);
		sync(client);
		undo.stopCapturing();
		expect(verdict(() => undo.undo(), client)).toBeNull();
		sync(client);
		expect(cardRecord(server, cardA)?.get('votes')).toBe(4);
	});

	it('hold for actions voted on as they do for cards', () => {
		revealedVote('v3', [[actionId, 2]], 'actions');
		expect(actionRecord(replica(), actionId)?.get('votes')).toBe(2);
		expect(verdict((doc) => actionRecord(doc, actionId)!.set('votes', 5))).toBe(VOTE_REFUSAL);
		expect(verdict((doc) => actionRecord(doc, actionId)!.set('title', 'x'))).toBeNull();
	});
});
