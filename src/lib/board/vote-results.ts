/**
 * A revealed vote's results: ranking the totals, and the count each card or action carries once
 * revealed (`votes`, with `voteId` naming the vote that gave it). Those two fields are written by
 * the server at the reveal; partners may not forge them (server/sync/vote-policy.ts).
 */
import * as Y from 'yjs';
import { ROOT, rootMap, str, type YRecord } from './board-doc.ts';
import type { VoteKind, VoteResult, VoteSession } from './votes.ts';

/** The fields a reveal writes on each card or action voted on. */
export const ITEM_VOTE_FIELDS = ['votes', 'voteId'] as const;

/** Longest label kept in results (a card's first line can be long). */
const MAX_LABEL_LENGTH = 120;

/** A revealed count on a card or action, and the vote it came from. */
export interface ItemVotes {
	votes: number;
	voteId: string;
}

function rootOf(kind: VoteKind) {
	return kind === 'cards' ? ROOT.cards : ROOT.actions;
}

function itemRecord(doc: Y.Doc, kind: VoteKind, id: string): YRecord | null {
	const record = rootMap(doc, rootOf(kind)).get(id);
	return record instanceof Y.Map ? record : null;
}

/**
 * Ranks the items offered by their totals: most votes first, equal totals in the order the items
 * were offered and sharing a rank (1, 2, 2, 4), so everyone reads the same table.
 */
export function rankResults(
	items: readonly string[],
	totals: ReadonlyMap<string, number>,
	labelOf: (item: string) => string
): VoteResult[] {
	const rows = items.map((item, index) => ({ item, index, votes: totals.get(item) ?? 0 }));
	rows.sort((a, b) => b.votes - a.votes || a.index - b.index);
	return rows.map((row) => ({
		item: row.item,
		label: labelOf(row.item),
		votes: row.votes,
		// Sorted by votes, so the first row with the same total holds the shared rank.
		rank: rows.findIndex((other) => other.votes === row.votes) + 1
	}));
}

/** What an item says, for the results: a card's first line, or an action's ref and title. */
export function itemLabel(doc: Y.Doc, kind: VoteKind, id: string): string {
	const record = itemRecord(doc, kind, id);
	if (!record) return kind === 'cards' ? 'A card since deleted' : 'An action since deleted';
	const text =
		kind === 'cards'
			? str(record, 'text').split('\n')[0]
			: [str(record, 'ref'), str(record, 'title')].filter(Boolean).join(' ');
	const line = text.replace(/\s+/g, ' ').trim() || (kind === 'cards' ? 'Empty card' : 'Untitled');
	return line.length > MAX_LABEL_LENGTH ? `${line.slice(0, MAX_LABEL_LENGTH - 1)}…` : line;
}

/** Writes a revealed vote's counts onto the cards or actions it was on that still exist. */
export function markVotedItems(doc: Y.Doc, vote: VoteSession): void {
	doc.transact(() => {
		for (const result of vote.results) {
			const record = itemRecord(doc, vote.kind, result.item);
			if (!record) continue;
			record.set('votes', result.votes);
			record.set('voteId', vote.id);
		}
	});
}

/** The revealed count of each card (or action) that carries one, by id. */
export function votesOnItems(doc: Y.Doc, kind: VoteKind): Map<string, ItemVotes> {
	const found = new Map<string, ItemVotes>();
	rootMap(doc, rootOf(kind)).forEach((record, id) => {
		if (!(record instanceof Y.Map)) return;
		const votes = record.get('votes');
		const voteId = record.get('voteId');
		if (typeof votes === 'number' && Number.isFinite(votes) && typeof voteId === 'string') {
			found.set(id, { votes, voteId });
		}
	});
	return found;
}
