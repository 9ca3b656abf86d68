/**
 * Ballots: the votes people place while a vote is open, kept secret in the database until the
 * reveal. A voter reads only their own allocation — or, with a budget per partner organisation,
 * their organisation's, which all its members share — and every change is checked against the
 * budget and the most per item in the same transaction that writes it.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Ballot } from '../board/votes.ts';
import type { BoardStore } from './board-store.ts';
import { WRITE_TRANSACTION, type Db } from './db/index.ts';
import { voteAllocations, type Role, type VoteSessionRow } from './db/schema.ts';
import type { BallotChange } from './vote-input.ts';
import { countVoters, getVoteRow, publicVote, publishVote, type VoteOutcome } from './votes.ts';

/** The member asking, as their membership stands on this request. */
export interface Voter {
	userId: string;
	role: Role;
	partnerId: string | null;
}

type Refusal = Extract<VoteOutcome<never>, { ok: false }>;

/** Whose allocation a member's votes go to in this vote, or why they may not vote. */
function voterKey(row: VoteSessionRow, voter: Voter): string | Refusal {
	if (voter.role === 'observer') {
		return { ok: false, status: 403, message: 'Observers follow the vote but do not vote.' };
	}
	if (row.per === 'person') return `person:${voter.userId}`;
	if (voter.partnerId === null) {
		return {
			ok: false,
			status: 403,
			message:
				'This vote has a budget per partner organisation, and you speak for none. Ask the facilitator to link you to yours.'
		};
	}
	return `partner:${voter.partnerId}`;
}

function readAllocation(db: Db, row: VoteSessionRow, key: string): Ballot {
	const rows = db
		.select({ item: voteAllocations.itemId, votes: voteAllocations.votes })
		.from(voteAllocations)
		.where(and(eq(voteAllocations.voteId, row.id), eq(voteAllocations.voter, key)))
		.all();
	const votes = Object.fromEntries(
		rows.filter((each) => each.votes > 0).map((each) => [each.item, each.votes])
	);
	return {
		voteId: row.id,
		per: row.per,
		budget: row.budget,
		maxPerItem: row.maxPerItem,
		used: rows.reduce((sum, each) => sum + each.votes, 0),
		votes
	};
}

/** The asking member's own allocation (their organisation's, with a budget per partner). */
export function readBallot(
	db: Db,
	input: { workshopId: string; voteId: string; voter: Voter }
): VoteOutcome<Ballot> {
	const row = getVoteRow(db, input.workshopId, input.voteId);
	if (!row) return { ok: false, status: 404, message: 'There is no such vote in this workshop.' };
	const key = voterKey(row, input.voter);
	if (typeof key !== 'string') return key;
	return { ok: true, value: readAllocation(db, row, key) };
}

/** Why a change cannot be made to an allocation, or null. */
function changeProblem(row: VoteSessionRow, ballot: Ballot, change: BallotChange): Refusal | null {
	const refuse = (status: 400 | 409, message: string): Refusal => ({ ok: false, status, message });
	if (row.status !== 'open') {
		return refuse(
			409,
			row.status === 'revealed'
				? 'This vote has been revealed: votes can no longer be changed.'
				: 'This vote is closed: votes can no longer be changed.'
		);
	}
	if (!row.items.includes(change.item))
		return refuse(400, 'That is not one of the items in this vote.');
	const next = (ballot.votes[change.item] ?? 0) + change.change;
	if (next < 0) return refuse(409, 'There are no more votes on that item to take off.');
	if (next > row.maxPerItem) {
		const votes = row.maxPerItem === 1 ? 'vote' : 'votes';
		return refuse(409, `At most ${row.maxPerItem} ${votes} can go on one item.`);
	}
	if (ballot.used + change.change > row.budget) {
		const left = row.budget - ballot.used;
		const whose = row.per === 'partner' ? 'Your organisation has' : 'You have';
		return refuse(
			409,
			left === 0
				? `${whose} used all ${row.budget} votes: take one off another item first.`
				: `${whose} only ${left} of ${row.budget} votes left.`
		);
	}
	return null;
}

/**
 * Adds votes to an item, or takes them off, for the asking member (or their organisation). The
 * budget and the most per item are checked in the transaction that writes, so two colleagues
 * voting at once cannot together go over their shared budget.
 */
export function castVote(
	db: Db,
	store: BoardStore,
	input: { workshopId: string; voteId: string; voter: Voter; change: BallotChange }
): VoteOutcome<Ballot> {
	const { workshopId, voteId, voter, change } = input;
	const cast = db.transaction(
		(tx): VoteOutcome<{ ballot: Ballot; row: VoteSessionRow; voters: number | null }> => {
			const db = tx as unknown as Db;
			const row = getVoteRow(db, workshopId, voteId);
			if (!row)
				return { ok: false, status: 404, message: 'There is no such vote in this workshop.' };
			const key = voterKey(row, voter);
			if (typeof key !== 'string') return key;
			const before = readAllocation(db, row, key);
			const problem = changeProblem(row, before, change);
			if (problem !== null) return problem;
			const votersBefore = countVoters(db, voteId);
			const next = (before.votes[change.item] ?? 0) + change.change;
			const where = and(
				eq(voteAllocations.voteId, voteId),
				eq(voteAllocations.voter, key),
				eq(voteAllocations.itemId, change.item)
			);
			if (next === 0) {
				db.delete(voteAllocations).where(where).run();
			} else {
				db.insert(voteAllocations)
					.values({
						voteId,
						voter: key,
						itemId: change.item,
						votes: next,
						updatedBy: voter.userId,
						updatedAt: Date.now()
					})
					.onConflictDoUpdate({
						target: [voteAllocations.voteId, voteAllocations.voter, voteAllocations.itemId],
						set: { votes: sql`excluded.votes`, updatedBy: voter.userId, updatedAt: Date.now() }
					})
					.run();
			}
			const votersAfter = countVoters(db, voteId);
			return {
				ok: true,
				value: {
					ballot: readAllocation(db, row, key),
					row,
					voters: votersAfter === votersBefore ? null : votersAfter
				}
			};
		},
		WRITE_TRANSACTION
	);
	if (!cast.ok) return cast;
	const { ballot, row, voters } = cast.value;
	// Only the number of voters is public, and only when it changes.
	if (voters !== null) publishVote(store, workshopId, () => publicVote(row, voters));
	return { ok: true, value: ballot };
}
