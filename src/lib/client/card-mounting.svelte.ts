/**
 * Which cards are in the page. Cards leaving the rendered area go at once; cards entering it
 * come in a few per frame, nearest first, so that a pan or zoom that brings a hundred cards
 * near never pays for all of them in one long frame. (The rendered area reaches beyond the
 * view, so cards are usually in place before they are seen.) Cards someone is working on are
 * always in at once.
 */
/* eslint-disable svelte/prefer-svelte-reactivity -- each set here is replaced whole, never changed in place */

/** New cards put in the page per animation frame. */
const CARDS_PER_FRAME = 24;

export class CardMounting {
	/** Ids of the cards in the page. */
	mounted = $state.raw<ReadonlySet<string>>(new Set());
	#target: string[] = [];
	#forced: ReadonlySet<string> = new Set();
	#frame = 0;

	/** Starts with `initial` in the page whole, as the server rendered it. */
	constructor(initial: Iterable<string>) {
		this.mounted = new Set(initial);
	}

	/** Aims at `target` (nearest first), with `forced` in the page at once. */
	aim(target: string[], forced: ReadonlySet<string>): void {
		this.#target = target;
		this.#forced = forced;
		cancelAnimationFrame(this.#frame);
		this.#step();
	}

	destroy(): void {
		cancelAnimationFrame(this.#frame);
	}

	#step = () => {
		const wanted = new Set(this.#target);
		const next = new Set<string>(this.#forced);
		for (const id of this.mounted) if (wanted.has(id)) next.add(id);
		let budget = CARDS_PER_FRAME;
		let missing = false;
		for (const id of this.#target) {
			if (next.has(id)) continue;
			if (budget-- <= 0) {
				missing = true;
				break;
			}
			next.add(id);
		}
		if (next.size !== this.mounted.size || [...next].some((id) => !this.mounted.has(id))) {
			this.mounted = next;
		}
		if (missing) this.#frame = requestAnimationFrame(this.#step);
	};
}
