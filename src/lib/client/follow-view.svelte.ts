/**
 * Follow me and summon, as one board page lives them. While the facilitator has everyone follow
 * them, their page shares the part of the board it shows (through presence) and every other page
 * fits that part into its own screen as it moves; panning or zooming steps out of following. A
 * summon brings every page to a lane or a card once per summon id (remembered for the tab, so a
 * reload does not bring you there again). Handed down through context to the run strip's chip,
 * the facilitator's Follow section and the selection bar.
 */
import { getContext, setContext, untrack } from 'svelte';
import { setFollow, summon, type Summon } from '$lib/board/facilitation';
import type { Card } from '$lib/board/cards';
import {
	easeInOut,
	followViewport,
	glideViewport,
	isFreshSummon,
	sharedView,
	summonViewport
} from '$lib/canvas/follow';
import { laneName, type BoardLayout } from '$lib/canvas/layout';
import type { Viewport } from '$lib/canvas/viewport';
import type { BoardConnection, BoardUser } from './board-connection.svelte';
import type { Camera } from './camera.svelte';
import type { LiveFacilitation } from './live-facilitation.svelte';

/** How long the camera glides to where it is asked to be (none with reduced motion). */
const GLIDE_MS = 450;
/** How long "Nia brought everyone to …" stays in the run strip. */
const NOTICE_MS = 8_000;

/** What the follower needs of the board page. */
export interface FollowSources {
	camera: Camera;
	live: LiveFacilitation;
	user: BoardUser;
	workshopId: string;
	connection: () => BoardConnection | null;
	board: () => { layout: BoardLayout; cards: ReadonlyMap<string, Card> };
}

export class FollowView {
	/** Whether I stepped out of following (by moving myself, or with "Stop following"). */
	steppedOut = $state(false);
	/** The latest change, as a sentence for screen readers. */
	announcement = $state('');
	/** "Nia brought everyone to …", shown (and announced) for a moment after a summon; or ''. */
	notice = $state('');
	/** User id of the person everyone follows, or null. */
	readonly leaderId = $derived.by(() => this.sources.live.state.followUserId);
	/** Whether everyone follows me. */
	readonly leading = $derived.by(
		() => this.leaderId !== null && this.leaderId === this.sources.user.id
	);
	/** The name of the person everyone follows. */
	readonly leaderName = $derived(this.#nameOf(this.leaderId));
	/** Whether my camera follows someone else's view now. */
	readonly following = $derived(this.leaderId !== null && !this.leading && !this.steppedOut);

	/** The viewport this class last gave the camera: any other one is the person moving. */
	#steered: Viewport | null = null;
	#caughtUp = false;
	#leaderBefore: string | null = null;
	#frame = 0;
	#noticeTimer: ReturnType<typeof setTimeout> | undefined;

	/** Create during component initialisation, after the board's first fit: it acts while mounted. */
	constructor(readonly sources: FollowSources) {
		const { camera, user } = sources;
		$effect(() => () => {
			cancelAnimationFrame(this.#frame);
			clearTimeout(this.#noticeTimer);
		});
		// A pan or zoom that this class did not make is the person moving on their own.
		$effect(() => {
			const viewport = camera.viewport;
			untrack(() => {
				if (this.#steered === null || viewport === this.#steered) return;
				this.#steered = null;
				cancelAnimationFrame(this.#frame);
				if (!this.following) return;
				this.steppedOut = true;
				this.announcement = `You stepped out of following ${this.leaderName}.`;
			});
		});
		$effect(() => {
			const leader = this.leaderId;
			untrack(() => this.#onLeader(leader, user.id));
		});
		// The leader shares their view; everyone else's view is withdrawn.
		$effect(() => {
			const view = this.leading ? sharedView(camera.viewport, camera.size) : null;
			this.sources.connection()?.setView(view);
		});
		$effect(() => {
			if (!this.following) {
				this.#caughtUp = false;
				return;
			}
			const view = this.sources.connection()?.views.get(this.leaderId!);
			const size = camera.size;
			if (!view) return;
			untrack(() => {
				this.#move(followViewport(view, size), this.#caughtUp ? 0 : GLIDE_MS);
				this.#caughtUp = true;
			});
		});
		$effect(() => {
			const called = sources.live.state.summon;
			if (called) untrack(() => this.#answer(called));
		});
	}

	/** The lanes everyone can be brought to, by key and name, in board order. */
	get lanes(): { key: string; name: string }[] {
		return this.sources
			.board()
			.layout.lanes.filter((lane) => lane.kind !== 'unplaced')
			.map((lane) => ({ key: lane.key, name: laneName(lane) }));
	}

	/** Facilitators: has everyone follow my view, or no one. */
	setFollowMe(on: boolean): void {
		setFollow(this.sources.live.doc, on ? this.sources.user.id : null);
	}

	/** Facilitators: brings everyone to a lane (pillar key) or a card (id), once. */
	bring(kind: Summon['kind'], target: string): void {
		const { live, user } = this.sources;
		summon(live.doc, kind, target, live.clock.now(), user.name);
	}

	/** Stops following until I choose to follow again (or the facilitator leads anew). */
	stopFollowing(): void {
		this.steppedOut = true;
		this.announcement = `You stopped following ${this.leaderName}.`;
	}

	/** Follows the leader again after stepping out. */
	followAgain(): void {
		this.steppedOut = false;
		this.announcement = `Following ${this.leaderName}'s view again.`;
	}

	#onLeader(leader: string | null, me: string): void {
		const before = this.#leaderBefore;
		this.#leaderBefore = leader;
		if (leader === before) return;
		this.steppedOut = false;
		if (leader === me) this.announcement = 'Everyone is following your view.';
		else if (leader) this.announcement = `Following ${this.#nameOf(leader)}'s view.`;
		else if (before === me) this.announcement = 'Everyone stopped following you.';
		else if (before) this.announcement = `${this.#nameOf(before)} stopped leading the view.`;
	}

	/** Acts on a summon once: moves there if it is recent, and says who brought everyone where. */
	#answer(called: Summon): void {
		const key = `pillarboard:summon:${this.sources.workshopId}`;
		if (readSeen(key) === called.id) return;
		writeSeen(key, called.id);
		if (!isFreshSummon(called.at, this.sources.live.clock.now())) return;
		const { camera } = this.sources;
		const { layout, cards } = this.sources.board();
		const move = summonViewport(called, layout, camera.size, camera.viewport.zoom);
		if (!move) return;
		const where = move.lane ? laneName(move.lane) : describeCard(cards.get(called.target));
		this.#move(move.viewport, GLIDE_MS);
		const mine = this.sources.live.isFacilitator && called.by === this.sources.user.name;
		const who = mine ? 'You' : called.by || 'The facilitator';
		this.notice = `${who} brought everyone to ${where}.`;
		clearTimeout(this.#noticeTimer);
		this.#noticeTimer = setTimeout(() => (this.notice = ''), NOTICE_MS);
	}

	/** Moves the camera to `to`, gliding over `ms` unless the person prefers less motion. */
	#move(to: Viewport, ms: number): void {
		const { camera } = this.sources;
		cancelAnimationFrame(this.#frame);
		if (ms === 0 || matchMedia('(prefers-reduced-motion: reduce)').matches) {
			this.#steer(to);
			return;
		}
		const from = camera.viewport;
		const size = camera.size;
		const start = performance.now();
		const step = (time: number) => {
			const t = (time - start) / ms;
			this.#steer(t >= 1 ? to : glideViewport(from, to, easeInOut(t), size));
			this.#frame = t >= 1 ? 0 : requestAnimationFrame(step);
		};
		this.#frame = requestAnimationFrame(step);
	}

	#steer(viewport: Viewport): void {
		this.#steered = viewport;
		this.sources.camera.set(viewport);
	}

	#nameOf(userId: string | null): string {
		const peer = this.sources.connection()?.peers.find((each) => each.id === userId);
		return peer?.name ?? 'the facilitator';
	}
}

/** A card named by the start of its text, for "brought everyone to …". */
function describeCard(card: Card | undefined): string {
	const text = card?.text.trim().replace(/\s+/g, ' ') ?? '';
	if (!text) return 'a card';
	return `the card “${text.length > 40 ? `${text.slice(0, 39)}…` : text}”`;
}

function readSeen(key: string): string | null {
	try {
		return sessionStorage.getItem(key);
	} catch {
		return null; // storage switched off: each page load may act once more, no harm
	}
}

function writeSeen(key: string, id: string): void {
	try {
		sessionStorage.setItem(key, id);
	} catch {
		// As above.
	}
}

const KEY = Symbol('follow-view');

/** Call in the board view's initialisation. */
export function setFollowView(value: FollowView): FollowView {
	return setContext(KEY, value);
}

/** The board's follow-me and summon state; throws outside a board view. */
export function getFollowView(): FollowView {
	const value = getContext<FollowView | undefined>(KEY);
	if (!value) throw new Error('getFollowView is called outside a board view.');
	return value;
}
