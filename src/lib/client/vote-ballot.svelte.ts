/**
 * My ballot in the vote open now: what I (or, with a budget per partner, my organisation) have
 * placed, read from and changed through the ballot endpoint — the board document never holds
 * it. Follows the board's open vote: a new vote loads a fresh ballot, an ended one drops it.
 */
import type { Ballot, VoteSession } from '$lib/board/votes';

/** How often a ballot shared with colleagues is re-read while the page is in view. */
const SHARED_REFRESH_MS = 10_000;

export class VoteBallot {
	/** My allocation in the open vote, once loaded. */
	ballot = $state<Ballot | null>(null);
	/** The last refusal or failure, as a sentence to show; empty when the last change went in. */
	message = $state('');
	/** Whether a change is on its way to the server. */
	busy = $state(false);
	/** The latest thing to say to screen-reader users. */
	announcement = $state('');
	/**
	 * Why I may not vote in the open vote although I may vote in general (a budget per partner
	 * organisation, and I speak for none), as the server said it; empty when I may.
	 */
	notAVoter = $state('');
	#vote: VoteSession | null = null;
	#timer: ReturnType<typeof setInterval> | null = null;

	constructor(
		readonly workshopId: string,
		/** Whether I may vote at all (observers may not). */
		readonly canVote: boolean
	) {}

	/** Whether I may vote in the open vote. */
	get voting(): boolean {
		return this.canVote && this.notAVoter === '';
	}

	/** Votes left to place, or null before the ballot has loaded. */
	get left(): number | null {
		return this.ballot ? this.ballot.budget - this.ballot.used : null;
	}

	/** My votes on one item. */
	votesOn(item: string): number {
		return this.ballot?.votes[item] ?? 0;
	}

	/** Call with the board's open vote (or null) whenever it may have changed. */
	follow(vote: VoteSession | null): void {
		const previous = this.#vote;
		this.#vote = vote;
		if (vote?.id === previous?.id) return;
		this.#stopRefreshing();
		this.ballot = null;
		this.message = '';
		this.notAVoter = '';
		if (!vote || !this.canVote) return;
		void this.refresh();
		if (vote.per === 'partner') {
			// Colleagues spend the same budget from their own browsers.
			this.#timer = setInterval(() => {
				if (document.visibilityState === 'visible') void this.refresh();
			}, SHARED_REFRESH_MS);
		}
	}

	/** Re-reads my ballot from the server. */
	async refresh(): Promise<void> {
		const vote = this.#vote;
		if (!vote) return;
		const answer = await this.#request('GET', vote.id);
		if (answer && this.#vote?.id === vote.id) this.ballot = answer;
	}

	/** Adds a vote to an item (+1) or takes one off (-1); a refusal ends up in `message`. */
	async cast(item: string, change: 1 | -1, label: string): Promise<void> {
		const vote = this.#vote;
		if (!vote || this.busy) return;
		this.busy = true;
		try {
			const answer = await this.#request('POST', vote.id, { item, change });
			if (!answer || this.#vote?.id !== vote.id) {
				void this.refresh();
				return;
			}
			this.ballot = answer;
			this.message = '';
			const left = answer.budget - answer.used;
			this.#say(`${answer.votes[item] ?? 0} on ${label}. ${left} of ${answer.budget} votes left.`);
		} finally {
			this.busy = false;
		}
	}

	/** Stops following; call when the page goes. */
	destroy(): void {
		this.#stopRefreshing();
	}

	#stopRefreshing(): void {
		if (this.#timer !== null) clearInterval(this.#timer);
		this.#timer = null;
	}

	#say(sentence: string): void {
		this.announcement = this.announcement === sentence ? `${sentence}\u00a0` : sentence;
	}

	/** One request to the ballot endpoint; on refusal, sets `message` and returns null. */
	async #request(method: 'GET' | 'POST', voteId: string, body?: unknown): Promise<Ballot | null> {
		const url = `/workshops/${this.workshopId}/votes/${voteId}/ballot`;
		try {
			const response = await fetch(url, {
				method,
				headers: body ? { 'content-type': 'application/json' } : undefined,
				body: body ? JSON.stringify(body) : undefined
			});
			const answer = (await response.json()) as Ballot | { message: string };
			if (response.ok) return answer as Ballot;
			if (response.status === 403 && method === 'GET') {
				// Not a voter in this vote: nothing went wrong, there is just no ballot to show.
				this.notAVoter = 'message' in answer ? answer.message : 'You do not vote in this vote.';
				this.#stopRefreshing();
				return null;
			}
			this.message = 'message' in answer ? answer.message : 'The vote could not be counted.';
			this.#say(this.message);
			return null;
		} catch {
			this.message = 'The vote could not reach the server: check the connection and try again.';
			this.#say(this.message);
			return null;
		}
	}
}
