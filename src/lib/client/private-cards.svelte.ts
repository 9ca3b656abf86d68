/**
 * My private cards on an open board (private brainstorming). They live in a Y.Doc of their own
 * that no provider ever sees, laid out like the board's `cards` map so that the canvas, the
 * outline and every card helper work on them unchanged, and are saved to the server over HTTP:
 * a new or deleted card at once, other changes a moment after the last keystroke or drag. When
 * the facilitator reveals them, the board brings them back as ordinary cards with the same ids,
 * and the private copies are dropped (any edit not yet saved is carried over to the board card).
 */
import * as Y from 'yjs';
import { ROOT, observeBoard } from '$lib/board/board-doc';
import { addCard, deleteCard, getCard, listCards, setCardText, type Card } from '$lib/board/cards';
import type { PrivateCard } from '$lib/board/private-cards';

/** How long after the last change a card is saved. */
const SAVE_DELAY_MS = 400;
/** Waits between tries when the server cannot be reached, doubling up to the last. */
const RETRY_MS = [1_000, 2_000, 5_000, 10_000, 30_000];

/** Origin of changes that are the server's doing (seeding, refusals, reveals): never sent back. */
const FROM_SERVER = Symbol('private-cards-from-server');

/** Who writes the cards: me, as the byline of my private cards shows. */
export interface PrivateAuthor {
	authorId: string;
	authorName: string;
	partnerId: string | null;
}

type Saving = { version: number; timer?: ReturnType<typeof setTimeout>; tries: number };

export class PrivateCards {
	/** My private cards, in the board's card layout; local to this tab. */
	readonly doc = new Y.Doc();
	/** Bumped on every change of my private cards: read it in `$derived` to re-read them. */
	revision = $state(0);
	/** The server's latest refusal, as a sentence to show; null when all is well. */
	problem = $state<string | null>(null);

	readonly #base: string;
	/** Per card: how many local changes, and what the last save sent (for carrying over). */
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, never read by the UI
	readonly #changes = new Map<string, Saving>();
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, never read by the UI
	readonly #saved = new Map<string, number>();
	/** Per card: the chain of requests, so a card's changes reach the server in order. */
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, never read by the UI
	readonly #queues = new Map<string, Promise<void>>();
	readonly #release: () => void;

	constructor(
		private readonly board: Y.Doc,
		workshopId: string,
		author: PrivateAuthor,
		initial: readonly PrivateCard[]
	) {
		this.#base = `/workshops/${encodeURIComponent(workshopId)}/private-cards`;
		this.doc.transact(() => {
			for (const card of initial) addCard(this.doc, { ...card, ...author });
		}, FROM_SERVER);
		this.#dropRevealed();
		const unobserve = observeBoard(this.doc, () => this.revision++);
		const cards = this.doc.getMap(ROOT.cards);
		const onLocal = (events: Y.YEvent<Y.AbstractType<unknown>>[], tx: Y.Transaction) => {
			if (tx.origin !== FROM_SERVER) this.#onLocalChange(events);
		};
		cards.observeDeep(onLocal);
		const boardCards = board.getMap(ROOT.cards);
		const onBoard = () => this.#dropRevealed();
		boardCards.observe(onBoard);
		const flush = () => this.#flushAll();
		window.addEventListener('pagehide', flush);
		this.#release = () => {
			unobserve();
			cards.unobserveDeep(onLocal);
			boardCards.unobserve(onBoard);
			window.removeEventListener('pagehide', flush);
		};
	}

	destroy(): void {
		this.#flushAll();
		this.#release();
		for (const saving of this.#changes.values()) clearTimeout(saving.timer);
		this.doc.destroy();
	}

	/** My private cards that are not (yet) on the board. */
	list(): Card[] {
		return listCards(this.doc);
	}

	/** Whether a card is one of my private cards. */
	has(id: string): boolean {
		return this.doc.getMap(ROOT.cards).has(id);
	}

	#onLocalChange(events: Y.YEvent<Y.AbstractType<unknown>>[]): void {
		for (const event of events) {
			if (event.path.length > 0) {
				this.#changed(String(event.path[0]));
				continue;
			}
			for (const [id, change] of event.changes.keys) {
				if (change.action === 'delete') this.#deleted(id);
				else this.#created(id);
			}
		}
	}

	#created(id: string): void {
		const saving = { version: 1, tries: 0 };
		this.#changes.set(id, saving);
		this.#enqueue(id, () => this.#send(id, 'POST', this.#base, 1));
	}

	#changed(id: string): void {
		const saving = this.#changes.get(id) ?? { version: 0, tries: 0 };
		saving.version++;
		this.#changes.set(id, saving);
		clearTimeout(saving.timer);
		saving.timer = setTimeout(() => this.#save(id), SAVE_DELAY_MS);
	}

	#deleted(id: string): void {
		clearTimeout(this.#changes.get(id)?.timer);
		this.#changes.delete(id);
		this.#enqueue(id, () => this.#send(id, 'DELETE', `${this.#base}/${id}`, 0));
	}

	#save(id: string, keepalive = false): void {
		const saving = this.#changes.get(id);
		if (!saving || !this.has(id)) return;
		clearTimeout(saving.timer);
		saving.timer = undefined;
		const version = saving.version;
		// The page may be going away: take the card as it is now, not when the request leaves.
		const card = keepalive ? getCard(this.doc, id) : undefined;
		const url = `${this.#base}/${id}`;
		this.#enqueue(id, () => this.#send(id, 'PATCH', url, version, card));
	}

	#enqueue(id: string, task: () => Promise<void>): void {
		const next = (this.#queues.get(id) ?? Promise.resolve()).then(task);
		this.#queues.set(id, next);
	}

	/** One request about one card; refusals and failures are dealt with here, never thrown. */
	async #send(
		id: string,
		method: 'POST' | 'PATCH' | 'DELETE',
		url: string,
		version: number,
		/** The card as it was when the page began to go away (sent with keepalive). */
		snapshot?: Card | null
	): Promise<void> {
		const card = snapshot ?? getCard(this.doc, id);
		if (method !== 'DELETE' && !card) return;
		let response: Response;
		try {
			response = await fetch(url, {
				method,
				keepalive: snapshot !== undefined,
				headers: { 'content-type': 'application/json' },
				body: card && method !== 'DELETE' ? JSON.stringify(fieldsOf(card)) : undefined
			});
		} catch {
			this.#retry(id, method, url, version);
			return;
		}
		if (response.ok) {
			this.#saved.set(id, Math.max(this.#saved.get(id) ?? 0, version));
			const saving = this.#changes.get(id);
			if (saving) saving.tries = 0;
			if (this.problem !== null && method !== 'DELETE') this.problem = null;
			return;
		}
		if (response.status >= 500) {
			this.#retry(id, method, url, version);
			return;
		}
		const message = await messageOf(response);
		// Not there any more: revealed (the board brings it) or deleted from another tab.
		if (response.status === 404) return;
		this.problem = message;
		// A card the server would not keep is taken off this screen too, so nothing looks saved
		// that is not. A refused change (a locked lane, say) leaves the card as the server has it.
		if (method === 'POST') this.#remove(id);
	}

	#retry(id: string, method: 'POST' | 'PATCH' | 'DELETE', url: string, version: number): void {
		const saving = this.#changes.get(id) ?? { version, tries: 0 };
		const wait = RETRY_MS[Math.min(saving.tries, RETRY_MS.length - 1)];
		saving.tries++;
		this.problem = 'Your private cards could not be saved just now; trying again.';
		setTimeout(() => {
			if (method === 'PATCH') this.#save(id);
			else this.#enqueue(id, () => this.#send(id, method, url, version));
		}, wait);
	}

	#remove(id: string): void {
		clearTimeout(this.#changes.get(id)?.timer);
		this.#changes.delete(id);
		this.doc.transact(() => deleteCard(this.doc, id), FROM_SERVER);
	}

	/**
	 * Drops private copies of cards the board now holds (revealed). An edit the server had not yet
	 * received is carried over to the board card, so nothing typed at that moment is lost.
	 */
	#dropRevealed(): void {
		for (const card of this.list()) {
			const onBoard = getCard(this.board, card.id);
			if (!onBoard) continue;
			const unsaved = (this.#changes.get(card.id)?.version ?? 0) > (this.#saved.get(card.id) ?? 0);
			this.#remove(card.id);
			if (unsaved && onBoard.text !== card.text) setCardText(this.board, card.id, card.text);
		}
	}

	/** Sends every waiting change now (the page is going away: keepalive lets it finish). */
	#flushAll(): void {
		for (const [id, saving] of this.#changes) {
			if (saving.timer !== undefined) this.#save(id, true);
		}
	}
}

/** What the server keeps of a private card, as it takes it (see checkPrivateCardFields). */
function fieldsOf(card: Card): Omit<PrivateCard, 'createdAt'> {
	const { id, pillar, x, y, width, height, colour, text } = card;
	return { id, pillar, x, y, width, height, colour, text };
}

/** The sentence in an error response (`{ message }`), or a general one. */
async function messageOf(response: Response): Promise<string> {
	try {
		const body = (await response.json()) as { message?: unknown };
		if (typeof body.message === 'string') return body.message;
	} catch {
		// Not JSON: fall through to the general sentence.
	}
	return 'The server would not keep that private card.';
}
