/**
 * A busy partner for chaos tests: keeps adding, typing into, moving and deleting cards on one
 * document, and remembers what it wrote. Each editor touches only its own cards, so what every
 * card must read afterwards is known exactly, whatever the server went through.
 */
import type * as Y from 'yjs';
import {
	addCard,
	deleteCard,
	listCards,
	moveCardToPillar,
	setCardText
} from '../../src/lib/board/cards.ts';
import type { SeededRandom } from './seeded-random.ts';
import { waitFor } from './wait.ts';

/** Pillar keys of the CLES preset, which test workshops use. */
export const CLES_PILLARS = ['spend', 'workforce', 'land', 'ownership', 'finance'] as const;

/** How often an editor edits while it is running. */
const EDIT_INTERVAL_MS = 30;
/** Below this many cards an editor adds one rather than editing (it adds and deletes alike). */
const MIN_CARDS = 3;
/** Longer texts are shortened instead of typed into, so cards stay small. */
const MAX_TEXT_LENGTH = 60;
const LETTERS = 'abcdefghijklmnopqrstuvwxyz ';

/** A card as its author last wrote it. */
export interface WrittenCard {
	text: string;
	pillar: string;
}

export class CardEditor {
	/** The editor's cards that still exist, as it last wrote them, by id. */
	readonly written = new Map<string, WrittenCard>();
	/** Texts of the cards it deleted, by id: they must stay deleted. */
	readonly deleted = new Map<string, string>();
	/** How many edits it has made. */
	edits = 0;
	#cardsAdded = 0;
	#timer: NodeJS.Timeout | null = null;

	constructor(
		readonly name: string,
		readonly doc: Y.Doc,
		readonly random: SeededRandom
	) {}

	/** Starts editing every few milliseconds, online or not. */
	start(): void {
		this.#timer ??= setInterval(() => this.editOnce(), EDIT_INTERVAL_MS);
	}

	stop(): void {
		if (this.#timer) clearInterval(this.#timer);
		this.#timer = null;
	}

	/** Waits until the editor has made `count` more edits. */
	async untilMoreEdits(count: number, timeoutMs = 20_000): Promise<void> {
		const target = this.edits + count;
		await waitFor(() => this.edits >= target, `${this.name} to make ${count} edits`, timeoutMs);
	}

	/** Makes one edit: mostly typing, sometimes adding, moving or deleting a card. */
	editOnce(): void {
		const ids = [...this.written.keys()];
		const roll = this.random.next();
		if (ids.length < MIN_CARDS || roll < 0.08) this.#add();
		else if (roll < 0.16) this.#delete(this.random.pick(ids));
		else if (roll < 0.26) this.#move(this.random.pick(ids));
		else this.#type(this.random.pick(ids));
		this.edits++;
	}

	#add(): void {
		// The prefix makes every text unique, and typing never touches it.
		const text = `${this.name}#${++this.#cardsAdded}:`;
		const pillar = this.random.pick(CLES_PILLARS);
		const id = addCard(this.doc, { pillar, text, authorName: this.name });
		this.written.set(id, { text, pillar });
	}

	#delete(id: string): void {
		deleteCard(this.doc, id);
		this.deleted.set(id, this.written.get(id)!.text);
		this.written.delete(id);
	}

	#move(id: string): void {
		const card = this.written.get(id)!;
		const pillar = this.random.pick(CLES_PILLARS.filter((key) => key !== card.pillar));
		moveCardToPillar(this.doc, id, pillar);
		card.pillar = pillar;
	}

	#type(id: string): void {
		const card = this.written.get(id)!;
		const text = card.text;
		const start = text.indexOf(':') + 1;
		let next: string;
		if (text.length >= MAX_TEXT_LENGTH) {
			const at = this.random.between(start, text.length - 1);
			next = text.slice(0, at) + text.slice(at + this.random.between(1, 5));
		} else {
			const at = this.random.between(start, text.length);
			const typed = Array.from({ length: this.random.between(1, 3) }, () =>
				this.random.pick([...LETTERS])
			).join('');
			next = text.slice(0, at) + typed + text.slice(at);
		}
		setCardText(this.doc, id, next);
		card.text = next;
	}
}

/**
 * What a document gets wrong about the editors' work: a card missing, reading differently, in
 * another pillar, deleted yet present, or unknown to every editor. Empty when it holds every
 * edit exactly.
 */
export function missingEdits(doc: Y.Doc, editors: CardEditor[]): string[] {
	const cards = new Map(listCards(doc).map((card) => [card.id, card]));
	const problems: string[] = [];
	for (const editor of editors) {
		for (const [id, want] of editor.written) {
			const card = cards.get(id);
			cards.delete(id);
			if (!card) problems.push(`card "${want.text}" is missing`);
			else if (card.text !== want.text) {
				problems.push(`card "${want.text}" reads "${card.text}"`);
			} else if (card.pillar !== want.pillar) {
				problems.push(`card "${want.text}" is in ${card.pillar}, not ${want.pillar}`);
			}
		}
		for (const [id, text] of editor.deleted) {
			if (cards.delete(id)) problems.push(`deleted card "${text}" is back`);
		}
	}
	for (const card of cards.values()) problems.push(`card "${card.text}" was written by no one`);
	return problems;
}
