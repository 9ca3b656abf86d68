/**
 * The facilitation map as the board page sees it: read afresh on every change of the board, with
 * the server's clock beside it so that the shared timer counts down the same in every browser,
 * whatever their own clocks say. Handed down through context to the run strip, the facilitator's
 * panel and whatever else shows the stage, the timer or the locks.
 */
import { getContext, setContext } from 'svelte';
import type * as Y from 'yjs';
import { enterStage, readFacilitation } from '$lib/board/facilitation';
import { isRunning, timeLeft } from '$lib/board/shared-timer';
import type { BoardUser } from './board-connection.svelte';
import { ServerClock } from './server-clock.svelte';
import { DEFAULT_VOTE_RULES, type Voting } from './voting.svelte';

/** How often a running timer's display is refreshed: well under the second it shows. */
const TICK_MS = 250;
/** How often the clock offset is measured again (sleeping laptops drift). */
const RESYNC_MS = 5 * 60_000;

export class LiveFacilitation {
	readonly clock = new ServerClock();
	/** Server time, refreshed while a timer runs (and on every change of the board). */
	now = $state(Date.now());
	/** Everything the facilitation map says. */
	readonly state = $derived.by(() => {
		this.#revision();
		return readFacilitation(this.doc);
	});
	/** The current stage, or null before the workshop starts. */
	readonly stage = $derived(this.state.stages.find((s) => s.id === this.state.stageId) ?? null);
	/** Milliseconds left on the shared timer. */
	readonly left = $derived(timeLeft(this.state.timer, this.now));
	/** Whether the timer is counting down. */
	readonly running = $derived(isRunning(this.state.timer, this.now));
	/** Whether the timer has run out (it was set, started and reached zero). */
	readonly finished = $derived(
		this.state.timer.endsAt !== null && this.state.timer.endsAt <= this.now
	);
	readonly #revision: () => number;

	/** Create during component initialisation: it measures the clock and ticks while mounted. */
	constructor(
		readonly doc: Y.Doc,
		readonly role: BoardUser['role'],
		revision: () => number
	) {
		this.#revision = revision;
		$effect(() => {
			void this.clock.sync();
			const resync = setInterval(() => void this.clock.sync(), RESYNC_MS);
			return () => clearInterval(resync);
		});
		$effect(() => {
			// Re-read the time whenever the timer changes, and keep reading it while it runs.
			void this.state.timer;
			this.now = this.clock.now();
			if (this.state.timer.endsAt === null) return;
			const tick = setInterval(() => (this.now = this.clock.now()), TICK_MS);
			return () => clearInterval(tick);
		});
	}

	/**
	 * Moves the workshop into a stage: its timer, lock and private mode in one change of the board,
	 * then, for a voting stage, a vote on every card with the usual rules (unless one is open).
	 * Resolves to a sentence if the vote could not be started, else null.
	 */
	async enter(stageId: string, voting: Voting | undefined): Promise<string | null> {
		const stage = enterStage(this.doc, stageId, this.clock.now());
		if (!stage?.voting || !voting || voting.open) return null;
		const items = voting.allItems('cards');
		if (items.length === 0)
			return 'There are no cards to vote on yet: add some, then start a vote.';
		return voting.start({
			title: `${stage.name}: which should we take forward?`,
			kind: 'cards',
			items,
			...DEFAULT_VOTE_RULES
		});
	}

	/** Whether this person runs the workshop (and may write the facilitation map). */
	get isFacilitator(): boolean {
		return this.role === 'facilitator';
	}
}

const KEY = Symbol('live-facilitation');

/** Call in the board view's initialisation. */
export function setLiveFacilitation(value: LiveFacilitation): LiveFacilitation {
	return setContext(KEY, value);
}

/** The board's facilitation state; throws outside a board view. */
export function getLiveFacilitation(): LiveFacilitation {
	const value = getContext<LiveFacilitation | undefined>(KEY);
	if (!value) throw new Error('getLiveFacilitation is called outside a board view.');
	return value;
}
