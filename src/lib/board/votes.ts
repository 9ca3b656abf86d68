/**
 * Vote sessions as the board shows them: what is being voted on, with what budget, and — only
 * once the facilitator reveals it — the ranked results. The ballots themselves never enter the
 * document: the server keeps them in its database until the reveal (DESIGN §3). Only the server
 * writes this map (through `writeVote`); readers here are tolerant of anything else in it.
 */
import * as Y from 'yjs';
import { ROOT, makeRecord, num, rootMap, str, strList, type YRecord } from './board-doc.ts';

export const VOTE_KINDS = ['cards', 'actions'] as const;
export const VOTE_BUDGETS = ['person', 'partner'] as const;
export const VOTE_STATUSES = ['open', 'closed', 'revealed'] as const;

/** What a vote is on: cards on the board, or actions of the plan. */
export type VoteKind = (typeof VOTE_KINDS)[number];
/** Whose budget it is: each person's own, or shared by all members of a partner organisation. */
export type VoteBudgetPer = (typeof VOTE_BUDGETS)[number];
/** Open for voting, closed without results, or revealed with results. */
export type VoteStatus = (typeof VOTE_STATUSES)[number];

/** One line of a revealed vote's results. */
export interface VoteResult {
	/** Card or action id. */
	item: string;
	/** What the item said when the results were revealed (it may change or go later). */
	label: string;
	votes: number;
	/** 1 for the most votes; items with equal votes share a rank (1, 2, 2, 4). */
	rank: number;
}

/** A vote session: its public part only. */
export interface VoteSession {
	id: string;
	title: string;
	kind: VoteKind;
	/** Ids of the cards or actions voted on, in the order they were offered. */
	items: string[];
	/** Votes each voter (a person, or an organisation) may place. */
	budget: number;
	per: VoteBudgetPer;
	maxPerItem: number;
	status: VoteStatus;
	/** How many voters (people, or organisations) have placed at least one vote. */
	voters: number;
	openedAt: number;
	openedBy: string;
	/** When it was closed or revealed. */
	endedAt: number | null;
	/** Ranked, best first; empty until revealed. */
	results: VoteResult[];
}

/**
 * One voter's allocation in a vote, as the ballot endpoint answers it: a person's own votes, or
 * (with a budget per partner) their organisation's. Never in the document.
 */
export interface Ballot {
	voteId: string;
	per: VoteBudgetPer;
	budget: number;
	maxPerItem: number;
	/** Votes placed, in all. */
	used: number;
	/** Votes placed per item id (items without votes are left out). */
	votes: Record<string, number>;
}

function oneOf<T extends string>(values: readonly T[], value: string, fallback: T): T {
	return (values as readonly string[]).includes(value) ? (value as T) : fallback;
}

function readResults(record: YRecord): VoteResult[] {
	const value = record.get('results');
	const rows = value instanceof Y.Array ? value.toArray() : Array.isArray(value) ? value : [];
	return rows.flatMap((row: unknown) => {
		if (typeof row !== 'object' || row === null) return [];
		const { item, label, votes, rank } = row as Record<string, unknown>;
		if (typeof item !== 'string' || typeof votes !== 'number' || !Number.isFinite(votes)) return [];
		return [
			{
				item,
				label: typeof label === 'string' ? label : '',
				votes,
				rank: typeof rank === 'number' && Number.isFinite(rank) ? rank : 0
			}
		];
	});
}

function readVote(id: string, record: YRecord): VoteSession {
	return {
		id,
		title: str(record, 'title'),
		kind: oneOf(VOTE_KINDS, str(record, 'kind'), 'cards'),
		items: strList(record, 'items'),
		budget: num(record, 'budget'),
		per: oneOf(VOTE_BUDGETS, str(record, 'per'), 'person'),
		maxPerItem: num(record, 'maxPerItem'),
		status: oneOf(VOTE_STATUSES, str(record, 'status'), 'closed'),
		voters: num(record, 'voters'),
		openedAt: num(record, 'openedAt'),
		openedBy: str(record, 'openedBy'),
		endedAt: optNum(record, 'endedAt'),
		results: readResults(record)
	};
}

function optNum(record: YRecord, key: string): number | null {
	const value = record.get(key);
	return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** Every vote session on the board, oldest first. */
export function listVotes(doc: Y.Doc): VoteSession[] {
	const votes: VoteSession[] = [];
	rootMap(doc, ROOT.votes).forEach((record, id) => {
		if (record instanceof Y.Map) votes.push(readVote(id, record));
	});
	return votes.sort((a, b) => a.openedAt - b.openedAt || a.id.localeCompare(b.id));
}

/** One vote session, or null. */
export function getVote(doc: Y.Doc, id: string): VoteSession | null {
	const record = rootMap(doc, ROOT.votes).get(id);
	return record instanceof Y.Map ? readVote(id, record) : null;
}

/** The vote open now (the newest, should a foreign client have opened two), or null. */
export function openVote(doc: Y.Doc): VoteSession | null {
	return listVotes(doc).findLast((vote) => vote.status === 'open') ?? null;
}

/**
 * Writes a vote session's public part, for the server. Only fields that differ are set, so a
 * repeated write (a new voter count, say) sends a few bytes rather than the whole record.
 */
export function writeVote(doc: Y.Doc, vote: VoteSession): void {
	const votes = rootMap(doc, ROOT.votes);
	doc.transact(() => {
		const record = votes.get(vote.id);
		if (!(record instanceof Y.Map)) {
			votes.set(
				vote.id,
				makeRecord({ ...vote, items: Y.Array.from(vote.items), results: resultList(vote) })
			);
			return;
		}
		const current = readVote(vote.id, record);
		for (const key of [
			'title',
			'kind',
			'budget',
			'per',
			'maxPerItem',
			'status',
			'voters',
			'openedAt',
			'openedBy',
			'endedAt'
		] as const) {
			if (current[key] !== vote[key] || !record.has(key)) record.set(key, vote[key]);
		}
		if (current.items.join() !== vote.items.join()) record.set('items', Y.Array.from(vote.items));
		if (JSON.stringify(current.results) !== JSON.stringify(vote.results)) {
			record.set('results', resultList(vote));
		}
	});
}

function resultList(vote: VoteSession): Y.Array<VoteResult> {
	return Y.Array.from(vote.results.map((result) => ({ ...result })));
}
