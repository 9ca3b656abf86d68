/**
 * The facilitation map as the board page sees it: read afresh on every change of the board, with
 * the server's clock beside it so that the shared timer counts down the same in every browser,
 * whatever their own clocks say. Handed down through context to the run strip, the facilitator's
 * panel and whatever else shows the stage, the timer or the locks.
 */
import { getContext, setContext } from 'svelte';
import type * as Y from 'yjs';
import { listStages } from '$lib/board/agenda';
import { getCard } from '$lib/board/cards';
import { enterStage, readFacilitation } from '$lib/board/facilitation';
import { isRunning, timeLeft } from '$lib/board/shared-timer';
import type { BoardUser } from './board-connection.svelte';
import { ServerClock } from './server-clock.svelte';
import { DEFAULT_VOTE_RULES, type Voting } from './voting.svelte';
import { requestPrivateReveal } from './workshop-requests';

/** How often a running timer's display is refreshed: well under the second it shows. */
const TICK_MS = 250;
/** How often the clock offset is measured again (sleeping laptops drift). */
const RESYNC_MS = 5 * 60_000;

/** See LiveFacilitation.phase. */
export type TimerPhase = 'unset' | 'ready' | 'running' | 'paused' | 'finished';

/** Words for the timer's phase, beside its digits. */
export const TIMER_PHASE_WORDS: Record<TimerPhase, string> = {
	unset: '',
	ready: 'Ready',
	running: 'Running',
	paused: 'Paused',
	finished: "Time's up"
};

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
	/** Where the timer is: not set, set but not started, counting down, paused, run out. */
	readonly phase = $derived.by((): TimerPhase => {
		const timer = this.state.timer;
		if (timer.durationMs <= 0) return 'unset';
		if (this.finished) return 'finished';
		if (this.running) return 'running';
		return this.left === timer.durationMs ? 'ready' : 'paused';
	});
	/** When the timer ends; a number, so the ticking below restarts only when it changes. */
	readonly #endsAt = $derived(this.state.timer.endsAt);
	readonly #revision: () => number;

	/** Create during component initialisation: it measures the clock and ticks while mounted. */
	constructor(
		readonly doc: Y.Doc,
		readonly workshopId: string,
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
			// Re-read the time whenever the timer's end (or the clock's offset) changes, and keep
			// reading it until the timer runs out. Not on every change of the board: that would
			// restart the ticking at each keystroke anyone types.
			const endsAt = this.#endsAt;
			const now = this.clock.now();
			this.now = now;
			if (endsAt === null || endsAt <= now) return;
			const tick = setInterval(() => {
				this.now = this.clock.now();
				if (this.now >= endsAt) clearInterval(tick);
			}, TICK_MS);
			return () => clearInterval(tick);
		});
	}

	/**
	 * Moves the workshop into a stage: its timer, lock and private mode in one change of the board,
	 * then, for a voting stage, a vote on every card with the usual rules (unless one is open).
	 * Leaving private brainstorming reveals the private cards first, so they are on the board (and
	 * in the vote) when the stage begins. Resolves to a sentence if something could not be done.
	 */
	async enter(stageId: string, voting: Voting | undefined): Promise<string | null> {
		const next = listStages(this.doc).find((stage) => stage.id === stageId);
		if (!next) return null;
		if (this.state.privateMode && !next.privateMode) {
			const answer = await requestPrivateReveal(this.workshopId);
			if (!answer.ok)
				return `${answer.message} The workshop is still in ${this.stage?.name ?? 'this stage'}.`;
			await waitForCards(this.doc, answer.value.ids);
		}
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

/** How long to wait for revealed cards to come over the socket before going on without them. */
const REVEAL_WAIT_MS = 5_000;

/** Resolves once every card in `ids` is in the document (or after REVEAL_WAIT_MS). */
function waitForCards(doc: Y.Doc, ids: readonly string[]): Promise<void> {
	const arrived = () => ids.every((id) => getCard(doc, id) !== null);
	if (arrived()) return Promise.resolve();
	return new Promise((done) => {
		const finish = () => {
			clearTimeout(timer);
			doc.off('update', check);
			done();
		};
		const check = () => {
			if (arrived()) finish();
		};
		const timer = setTimeout(finish, REVEAL_WAIT_MS);
		doc.on('update', check);
	});
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
