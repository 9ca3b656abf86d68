/**
 * What the voting endpoints accept, checked before anything is read or written: a new vote's
 * settings, and one change to a ballot. Each refusal is a sentence the page shows as it is.
 */
import { VOTE_BUDGETS, VOTE_KINDS, type VoteBudgetPer, type VoteKind } from '../board/votes.ts';

export const MAX_VOTE_TITLE_LENGTH = 120;
export const MAX_VOTE_BUDGET = 100;
/** More items than this would not fit on anyone's ballot. */
export const MAX_VOTE_ITEMS = 500;
const MAX_ID_LENGTH = 64;

/** A vote the facilitator asked to start. */
export interface NewVote {
	title: string;
	kind: VoteKind;
	items: string[];
	budget: number;
	per: VoteBudgetPer;
	maxPerItem: number;
}

/** One change to a ballot: votes added to (or, negative, taken off) one item. */
export interface BallotChange {
	item: string;
	change: number;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

function record(input: unknown): Record<string, unknown> | null {
	return typeof input === 'object' && input !== null && !Array.isArray(input)
		? (input as Record<string, unknown>)
		: null;
}

function wholeNumber(value: unknown, min: number, max: number): number | null {
	return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
		? value
		: null;
}

function isId(value: unknown): value is string {
	return typeof value === 'string' && value.length > 0 && value.length <= MAX_ID_LENGTH;
}

/** Checks a new vote's settings. */
export function parseNewVote(input: unknown): Parsed<NewVote> {
	const fields = record(input);
	if (!fields) return { ok: false, message: 'Send the vote as a JSON object.' };
	const title = typeof fields.title === 'string' ? fields.title.replace(/\s+/g, ' ').trim() : '';
	if (title.length > MAX_VOTE_TITLE_LENGTH) {
		return { ok: false, message: `Keep the title to ${MAX_VOTE_TITLE_LENGTH} characters.` };
	}
	const kind = VOTE_KINDS.find((each) => each === fields.kind);
	if (!kind) return { ok: false, message: 'Say whether the vote is on cards or on actions.' };
	const items = fields.items;
	if (!Array.isArray(items) || !items.every(isId)) {
		return { ok: false, message: `Choose the ${kind} to vote on.` };
	}
	const unique = [...new Set(items)];
	if (unique.length === 0) return { ok: false, message: `Choose at least one of the ${kind}.` };
	if (unique.length > MAX_VOTE_ITEMS) {
		return { ok: false, message: `A vote can offer at most ${MAX_VOTE_ITEMS} ${kind}.` };
	}
	const budget = wholeNumber(fields.budget, 1, MAX_VOTE_BUDGET);
	if (budget === null) {
		return {
			ok: false,
			message: `The budget must be a whole number from 1 to ${MAX_VOTE_BUDGET}.`
		};
	}
	const per = VOTE_BUDGETS.find((each) => each === fields.per);
	if (!per) {
		return { ok: false, message: 'Say whether the budget is per person or per partner.' };
	}
	const maxPerItem = wholeNumber(fields.maxPerItem, 1, budget);
	if (maxPerItem === null) {
		return {
			ok: false,
			message: `The most votes on one item must be a whole number from 1 to the budget (${budget}).`
		};
	}
	return {
		ok: true,
		value: { title: title || 'Vote', kind, items: unique, budget, per, maxPerItem }
	};
}

/** Checks one change to a ballot (its size against the vote is checked when it is cast). */
export function parseBallotChange(input: unknown): Parsed<BallotChange> {
	const fields = record(input);
	if (!fields) return { ok: false, message: 'Send the vote as a JSON object.' };
	if (!isId(fields.item)) return { ok: false, message: 'Say which item the vote is for.' };
	const change = wholeNumber(fields.change, -MAX_VOTE_BUDGET, MAX_VOTE_BUDGET);
	if (change === null || change === 0) {
		return { ok: false, message: 'Add or take off a whole number of votes, such as 1 or -1.' };
	}
	return { ok: true, value: { item: fields.item, change } };
}
