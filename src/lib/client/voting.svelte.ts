/**
 * Voting on an open board, for the components that show it (the facilitator's Voting section,
 * the run strip's chip, the controls on cards, the plan's rows): the board's vote sessions read
 * live from the document, my ballot, and the facilitator's requests to start, close and reveal.
 * Handed down through context, so each of those components is mounted with one line.
 */
import { getContext, setContext } from 'svelte';
import type * as Y from 'yjs';
import { listActions } from '$lib/board/actions';
import { listCards } from '$lib/board/cards';
import { itemLabel, votesOnItems, type ItemVotes } from '$lib/board/vote-results';
import { listVotes, type VoteKind, type VoteSession } from '$lib/board/votes';
import type { BoardUser } from './board-connection.svelte';
import { VoteBallot } from './vote-ballot.svelte';

/** What the facilitator sends to start a vote (see POST /workshops/<id>/votes). */
export interface VoteSettings {
	title: string;
	kind: VoteKind;
	items: string[];
	budget: number;
	per: 'person' | 'partner';
	maxPerItem: number;
}

/** The rules a vote starts with unless the facilitator changes them. */
export const DEFAULT_VOTE_RULES = { budget: 5, per: 'person', maxPerItem: 3 } as const;

export class Voting {
	readonly ballot: VoteBallot;
	/** Every vote session on the board, oldest first. */
	readonly votes = $derived.by(() => {
		this.revision();
		return listVotes(this.doc);
	});
	/** The vote open now, if any. */
	readonly open = $derived(this.votes.findLast((vote) => vote.status === 'open') ?? null);
	/** Revealed counts on cards and on actions, by id. */
	readonly counts = $derived.by(() => {
		this.revision();
		return { cards: votesOnItems(this.doc, 'cards'), actions: votesOnItems(this.doc, 'actions') };
	});

	/** Create during component initialisation (it follows the open vote until the component goes). */
	constructor(
		readonly doc: Y.Doc,
		readonly workshopId: string,
		readonly role: BoardUser['role'],
		/** Read to depend on every change of the board (LiveBoard's revision). */
		private readonly revision: () => unknown,
		/** Ids of the cards selected on the board, for "vote on the selected cards". */
		readonly selectedCards: () => string[] = () => []
	) {
		this.ballot = new VoteBallot(workshopId, role !== 'observer');
		$effect(() => {
			this.ballot.follow(this.open);
		});
		$effect(() => () => this.ballot.destroy());
	}

	/** Ids of every card (in board order) and every action (in plan order), to vote on all. */
	allItems(kind: VoteKind): string[] {
		this.revision();
		return kind === 'cards'
			? listCards(this.doc).map((card) => card.id)
			: listActions(this.doc).map((action) => action.id);
	}

	/** What an item is called, for ballots and results. */
	label(kind: VoteKind, item: string): string {
		this.revision();
		return itemLabel(this.doc, kind, item);
	}

	/** The revealed count on a card or an action, if it has one. */
	countOn(kind: VoteKind, item: string): ItemVotes | undefined {
		return this.counts[kind].get(item);
	}

	/** Whether an item is in the open vote. */
	isUnderVote(kind: VoteKind, item: string): boolean {
		return this.open?.kind === kind && this.open.items.includes(item);
	}

	/** Starts a vote (facilitators); resolves to a refusal's sentence, or null once started. */
	start(settings: VoteSettings): Promise<string | null> {
		return this.#post(`/workshops/${this.workshopId}/votes`, settings);
	}

	/** Closes a vote without results, or reveals it (facilitators); resolves like `start`. */
	end(vote: VoteSession, status: 'closed' | 'revealed'): Promise<string | null> {
		return this.#post(`/workshops/${this.workshopId}/votes/${vote.id}`, { status });
	}

	async #post(url: string, body: unknown): Promise<string | null> {
		try {
			const response = await fetch(url, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body)
			});
			if (response.ok) return null;
			const answer = (await response.json().catch(() => ({}))) as { message?: string };
			return answer.message ?? 'The server could not do that just now. Try again.';
		} catch {
			return 'The request could not reach the server: check the connection and try again.';
		}
	}
}

const KEY = Symbol('voting');

/** Call in the board (or plan) view's initialisation. */
export function setVoting(voting: Voting): void {
	setContext(KEY, voting);
}

/** The view's voting, or undefined outside a board view. */
export function getVoting(): Voting | undefined {
	return getContext<Voting | undefined>(KEY);
}

/** Summary of a vote's rules, e.g. "5 votes per person, at most 2 on one card". */
export function describeRules(
	vote: Pick<VoteSession, 'budget' | 'per' | 'maxPerItem' | 'kind'>
): string {
	const votes = vote.budget === 1 ? 'vote' : 'votes';
	const per = vote.per === 'partner' ? 'per partner organisation' : 'per person';
	const item = vote.kind === 'cards' ? 'card' : 'action';
	return `${vote.budget} ${votes} ${per}, at most ${vote.maxPerItem} on one ${item}`;
}

/** "3 people have voted", or organisations with a budget per partner. */
export function describeVoters(vote: Pick<VoteSession, 'voters' | 'per'>): string {
	const [one, many] =
		vote.per === 'partner' ? ['organisation', 'organisations'] : ['person', 'people'];
	if (vote.voters === 0) return `No ${many} have voted yet`;
	return `${vote.voters} ${vote.voters === 1 ? `${one} has` : `${many} have`} voted`;
}
