/**
 * Vote sessions (issue 6, part 3): a facilitator starts one on cards or actions, then closes it
 * or reveals it. The database is the authority (vote_sessions); the board document gets the
 * public part — what is voted on, with what budget, how many have voted — and, at the reveal
 * only, the ranked results and each item's count. Ballots are in ballots.ts.
 */
import { and, eq, sql } from 'drizzle-orm';
import * as Y from 'yjs';
import { newId, rootMap, ROOT } from '../board/board-doc.ts';
import { itemLabel, markVotedItems, rankResults } from '../board/vote-results.ts';
import { writeVote, type VoteResult, type VoteSession } from '../board/votes.ts';
import { recordAudit, type Actor } from './audit.ts';
import { editBoard, readBoard } from './board-edit.ts';
import type { BoardStore } from './board-store.ts';
import { WRITE_TRANSACTION, type Db } from './db/index.ts';
import { voteAllocations, voteSessions, type VoteSessionRow } from './db/schema.ts';
import { currentBoardState } from './live-boards.ts';
import type { NewVote } from './vote-input.ts';

/** What a voting request came to: a value, or a refusal with its HTTP status and sentence. */
export type VoteOutcome<T> =
	{ ok: true; value: T } | { ok: false; status: 400 | 403 | 404 | 409; message: string };

const NO_SUCH_VOTE = 'There is no such vote in this workshop.';

/** A workshop's vote session, or null. */
export function getVoteRow(db: Db, workshopId: string, voteId: string): VoteSessionRow | null {
	return (
		db
			.select()
			.from(voteSessions)
			.where(and(eq(voteSessions.workshopId, workshopId), eq(voteSessions.id, voteId)))
			.get() ?? null
	);
}

/** How many voters (people, or organisations) have at least one vote placed. */
export function countVoters(db: Db, voteId: string): number {
	const row = db
		.select({ n: sql<number>`count(distinct ${voteAllocations.voter})` })
		.from(voteAllocations)
		.where(and(eq(voteAllocations.voteId, voteId), sql`${voteAllocations.votes} > 0`))
		.get();
	return row?.n ?? 0;
}

/** Total votes per item, from every voter: read only at the reveal. */
function totalVotes(db: Db, voteId: string): Map<string, number> {
	const rows = db
		.select({ item: voteAllocations.itemId, votes: sql<number>`sum(${voteAllocations.votes})` })
		.from(voteAllocations)
		.where(eq(voteAllocations.voteId, voteId))
		.groupBy(voteAllocations.itemId)
		.all();
	return new Map(rows.map((row) => [row.item, row.votes]));
}

/** The public part of a session, as the board shows it. */
export function publicVote(
	row: VoteSessionRow,
	voters: number,
	results: VoteResult[] = []
): VoteSession {
	return {
		id: row.id,
		title: row.title,
		kind: row.kind,
		items: row.items,
		budget: row.budget,
		per: row.per,
		maxPerItem: row.maxPerItem,
		status: row.status,
		voters,
		openedAt: row.openedAt,
		openedBy: row.openedBy,
		endedAt: row.endedAt,
		results
	};
}

/** Writes a session's public part to the board (results, if given, onto the items too). */
export function publishVote(
	store: BoardStore,
	workshopId: string,
	vote: (doc: Y.Doc) => VoteSession
): void {
	editBoard(store, workshopId, (doc) => {
		const session = vote(doc);
		writeVote(doc, session);
		if (session.status === 'revealed') markVotedItems(doc, session);
	});
}

/** Starts a vote on cards or actions that are on the board now; one vote is open at a time. */
export function startVote(
	db: Db,
	store: BoardStore,
	input: { workshopId: string; actor: Actor; vote: NewVote }
): VoteOutcome<VoteSession> {
	const { workshopId, actor, vote } = input;
	const missing = readBoard(currentBoardState(store, workshopId), (doc) => {
		const records = rootMap(doc, vote.kind === 'cards' ? ROOT.cards : ROOT.actions);
		return vote.items.filter((id) => !(records.get(id) instanceof Y.Map)).length;
	});
	if (missing > 0) {
		const noun = vote.kind === 'cards' ? 'card' : 'action';
		const message =
			missing === 1
				? `One of the chosen ${noun}s is not on the board any more: choose again.`
				: `${missing} of the chosen ${noun}s are not on the board any more: choose again.`;
		return { ok: false, status: 400, message };
	}
	const created = db.transaction((tx) => {
		const db = tx as unknown as Db;
		const open = db
			.select({ title: voteSessions.title })
			.from(voteSessions)
			.where(and(eq(voteSessions.workshopId, workshopId), eq(voteSessions.status, 'open')))
			.get();
		if (open) return null;
		const row: VoteSessionRow = {
			id: newId(),
			workshopId,
			...vote,
			status: 'open',
			openedBy: actor.name,
			openedAt: Date.now(),
			endedAt: null
		};
		db.insert(voteSessions).values(row).run();
		recordAudit(db, {
			workshopId,
			actor,
			action: 'vote.started',
			detail: `Started the vote "${vote.title}" on ${vote.items.length} ${vote.kind}.`
		});
		return row;
	}, WRITE_TRANSACTION);
	if (!created) {
		return {
			ok: false,
			status: 409,
			message: 'A vote is already open: close it or reveal it first.'
		};
	}
	const session = publicVote(created, 0);
	publishVote(store, workshopId, () => session);
	return { ok: true, value: session };
}

/**
 * Ends a vote: closed (voting stops, nothing is shown) or revealed (the ranked results go on the
 * board). A closed vote may still be revealed later; a revealed one is final.
 */
export function endVote(
	db: Db,
	store: BoardStore,
	input: { workshopId: string; voteId: string; actor: Actor; reveal: boolean }
): VoteOutcome<VoteSession> {
	const { workshopId, voteId, actor, reveal } = input;
	const ended = db.transaction(
		(tx): VoteOutcome<{ row: VoteSessionRow; totals: Map<string, number>; voters: number }> => {
			const db = tx as unknown as Db;
			const row = getVoteRow(db, workshopId, voteId);
			if (!row) return { ok: false, status: 404, message: NO_SUCH_VOTE };
			if (row.status === 'revealed') {
				return { ok: false, status: 409, message: 'This vote has been revealed already.' };
			}
			if (row.status === 'closed' && !reveal) {
				return { ok: false, status: 409, message: 'This vote is closed already.' };
			}
			const status = reveal ? 'revealed' : 'closed';
			const endedAt = row.endedAt ?? Date.now();
			db.update(voteSessions).set({ status, endedAt }).where(eq(voteSessions.id, voteId)).run();
			recordAudit(db, {
				workshopId,
				actor,
				action: reveal ? 'vote.revealed' : 'vote.closed',
				detail: `${reveal ? 'Revealed' : 'Closed'} the vote "${row.title}".`
			});
			const totals = reveal ? totalVotes(db, voteId) : new Map<string, number>();
			return {
				ok: true,
				value: { row: { ...row, status, endedAt }, totals, voters: countVoters(db, voteId) }
			};
		},
		WRITE_TRANSACTION
	);
	if (!ended.ok) return ended;
	const { row, totals, voters } = ended.value;
	let session = publicVote(row, voters);
	publishVote(store, workshopId, (doc) => {
		if (reveal) {
			session = publicVote(
				row,
				voters,
				rankResults(row.items, totals, (item) => itemLabel(doc, row.kind, item))
			);
		}
		return session;
	});
	return { ok: true, value: session };
}
