import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { initBoard, rootMap } from './board-doc.ts';
import { getVote, listVotes, openVote, writeVote, type VoteSession } from './votes.ts';

function session(overrides: Partial<VoteSession> = {}): VoteSession {
	return {
		id: 'v1',
		title: 'Which first?',
		kind: 'cards',
		items: ['a', 'b'],
		budget: 5,
		per: 'partner',
		maxPerItem: 2,
		status: 'open',
		voters: 0,
		openedAt: 1_000,
		openedBy: 'Nia',
		endedAt: null,
		results: [],
		...overrides
	};
}

function board(): Y.Doc {
	const doc = new Y.Doc();
	initBoard(doc, { title: 'T', place: 'P', preset: 'cles' });
	return doc;
}

describe('vote sessions on the board', () => {
	it('reads back a session exactly as it was written', () => {
		const doc = board();
		writeVote(doc, session());
		expect(getVote(doc, 'v1')).toEqual(session());
		expect(openVote(doc)?.id).toBe('v1');
	});

	it('writes only the fields that changed when a session is written again', () => {
		const doc = board();
		writeVote(doc, session());
		const before = Y.encodeStateVector(doc);
		writeVote(doc, session({ voters: 3 }));
		const update = Y.decodeUpdate(Y.encodeStateAsUpdate(doc, before));
		expect(update.structs).toHaveLength(1);
		expect(getVote(doc, 'v1')?.voters).toBe(3);
	});

	it('lists sessions oldest first and finds none open once they have ended', () => {
		const doc = board();
		writeVote(doc, session({ id: 'v2', openedAt: 2_000, status: 'closed', endedAt: 2_500 }));
		writeVote(doc, session({ id: 'v1', status: 'revealed', endedAt: 1_500 }));
		expect(listVotes(doc).map((vote) => vote.id)).toEqual(['v1', 'v2']);
		expect(openVote(doc)).toBeNull();
	});

	it('reads what a foreign client wrote tolerantly, with defaults for anything unknown', () => {
		const doc = board();
		const record = new Y.Map<unknown>();
		rootMap(doc, 'votes').set('odd', record);
		record.set('status', 'paused');
		record.set('kind', 'ideas');
		record.set('budget', Number.NaN);
		record.set('items', ['a', 3, 'b']);
		record.set('results', [{ item: 'a', votes: 2 }, 'junk', { item: 7, votes: 1 }]);
		rootMap(doc, 'votes').set('not-a-map', 'text' as never);
		expect(listVotes(doc)).toEqual([
			expect.objectContaining({
				id: 'odd',
				status: 'closed',
				kind: 'cards',
				budget: 0,
				items: ['a', 'b'],
				results: [{ item: 'a', label: '', votes: 2, rank: 0 }]
			})
		]);
	});
});
