/**
 * What one person is doing on an open board: which cards they have selected, which card has
 * the keyboard and which is being typed into, plus every edit they can make, each followed by a
 * sentence for screen readers. Canvas, outline and toolbar all edit through here, so a change
 * looks and sounds the same whichever way it was made. While private brainstorming is on, new
 * cards go into `privateDoc` (my private cards, see private-cards.svelte.ts) instead of the board,
 * and every edit of a card goes to whichever of the two holds it. Under the facilitator's locks a
 * partner's edit that touches a locked lane is refused here, with the reason shown (`notice`),
 * and nothing is written (edit-locks.ts).
 */
import type * as Y from 'yjs';
import { listPillars } from '$lib/board/board-doc';
import { PARKING_LOT } from '$lib/board/card-lane';
import { laneToReturnTo, parkCards, unparkCards } from '$lib/board/parking';
import {
	duplicateCards,
	placeCards,
	resizeCard,
	setCardCluster,
	setCardColour,
	setCardTags,
	type Placement
} from '$lib/board/card-edits';
import {
	addCard,
	cardColourFor,
	cardRecord,
	deleteCard,
	getCard,
	moveCardToPillar,
	nextSlot,
	setCardText
} from '$lib/board/cards';
import { isPrivateMode } from '$lib/board/facilitation';
import type { BoardConnection, BoardUser } from './board-connection.svelte';
import { lanesOfCards, lanesOfParking, lockedLanesProblem } from './edit-locks';
import { UndoHistory } from './undo-history.svelte';

/** Tags and clusters are shared things: a private card gets them once it is on the board. */
const PRIVATE_LABELS = 'Private cards are tagged and grouped once the facilitator reveals them.';

export class BoardEditor {
	/** Ids of the selected cards, in the order they were selected. */
	selection = $state.raw<string[]>([]);
	/** The card that has (or last had) the keyboard: the board's one Tab stop among cards. */
	focusedId = $state<string | null>(null);
	#editingId = $state<string | null>(null);
	/** The latest thing to tell screen-reader users (spoken by a live region). */
	announcement = $state('');
	/** Why my last edit was not made (a lock), shown over the board until dismissed; or null. */
	notice = $state<string | null>(null);
	readonly history: UndoHistory;
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- built once and only read, or not state at all
	readonly selected = $derived(new Set(this.selection));

	constructor(
		readonly doc: Y.Doc,
		readonly user: BoardUser,
		readonly partnerId: string | null,
		private readonly connection: () => BoardConnection | null,
		/** Where my private cards are (a document that never leaves this tab), if anywhere. */
		readonly privateDoc: Y.Doc | null = null
	) {
		this.history = new UndoHistory(doc);
	}

	/** The card whose text is being typed into, if any. */
	get editingId(): string | null {
		return this.#editingId;
	}

	/** Starts or stops editing a card; stopping ends the step that undo takes back. */
	set editingId(id: string | null) {
		if (id !== this.#editingId) this.history.stopCapturing();
		this.#editingId = id;
	}

	destroy(): void {
		this.history.destroy();
	}

	say(sentence: string): void {
		// A repeated sentence must still be spoken: change the text even when it is the same.
		this.announcement = this.announcement === sentence ? `${sentence}\u00a0` : sentence;
	}

	/**
	 * Whether an edit touching these lanes is refused under the locks in force; if it is, says
	 * why, visibly and aloud. Call before writing anything.
	 */
	refusedIn(lanes: Iterable<string | null | undefined>): boolean {
		const touched = [...lanes].filter((lane): lane is string => typeof lane === 'string');
		const problem = lockedLanesProblem(this.doc, this.user.role, touched);
		if (problem === null) {
			// So that undoing this edit can be checked the same way.
			this.history.noteLanes(touched);
			return false;
		}
		this.notice = problem;
		this.say(problem);
		return true;
	}

	/** The lanes of cards, wherever they are (the board or my private cards). */
	lanesOf(ids: Iterable<string>): string[] {
		const all = [...ids];
		const lanes = lanesOfCards(this.doc, all);
		return this.privateDoc ? [...lanes, ...lanesOfCards(this.privateDoc, all)] : lanes;
	}

	select(ids: string[]): void {
		this.selection = ids;
		// Others see what I select; a private card's id is nobody else's business.
		this.connection()?.setSelection(ids.filter((id) => !this.isPrivate(id)));
	}

	/** Whether a card is one of my private cards (not on the board yet). */
	isPrivate(id: string): boolean {
		return this.privateDoc !== null && cardRecord(this.privateDoc, id) !== null;
	}

	/** The document that holds a card: my private cards', or the board. */
	#docOf(id: string): Y.Doc {
		return this.privateDoc && this.isPrivate(id) ? this.privateDoc : this.doc;
	}

	/** Splits card ids into the board's and my private ones. */
	#split<T>(items: T[], idOf: (item: T) => string): [Y.Doc, T[]][] {
		const parts: [Y.Doc, T[]][] = [[this.doc, items.filter((item) => !this.isPrivate(idOf(item)))]];
		if (this.privateDoc) {
			parts.push([this.privateDoc, items.filter((item) => this.isPrivate(idOf(item)))]);
		}
		return parts.filter(([, part]) => part.length > 0);
	}

	/** The y just below the lowest card of a lane, counting my private cards as well. */
	#bottomOf(pillar: string, except?: string): number {
		const board = nextSlot(this.doc, pillar, except);
		return this.privateDoc ? Math.max(board, nextSlot(this.privateDoc, pillar, except)) : board;
	}

	/** Adds a card to the selection, or takes it out. */
	toggle(id: string): void {
		this.select(
			this.selected.has(id) ? this.selection.filter((each) => each !== id) : [...this.selection, id]
		);
	}

	/** Gives a card the keyboard and makes it the selection (unless it is already in it). */
	focus(id: string | null): void {
		this.focusedId = id;
		if (id && !this.selected.has(id)) this.select([id]);
	}

	#pillarLabel(key: string): string {
		if (key === PARKING_LOT) return 'the parking lot';
		return listPillars(this.doc).find((pillar) => pillar.key === key)?.label ?? 'the board';
	}

	/**
	 * Adds my card to a lane (at a point, or at the bottom) and starts editing it; while private
	 * brainstorming is on, the card is private.
	 */
	add(pillar: string, at?: { x: number; y: number }): string | null {
		if (this.refusedIn([pillar])) return null;
		this.history.stopCapturing();
		const target = this.privateDoc && isPrivateMode(this.doc) ? this.privateDoc : this.doc;
		const id = addCard(target, {
			pillar,
			authorId: this.user.id,
			authorName: this.user.name,
			partnerId: this.partnerId,
			colour: cardColourFor(this.user.id),
			...(at
				? { x: Math.max(0, Math.round(at.x)), y: Math.max(0, Math.round(at.y)) }
				: { x: 0, y: this.#bottomOf(pillar) })
		});
		this.focus(id);
		this.#editingId = id;
		// Until its first editing ends, the card and its text are one step to undo.
		this.history.holdStep();
		const lane = this.#pillarLabel(pillar);
		this.say(
			target === this.doc
				? `New card in ${lane}. Type its text; Escape when done.`
				: `New private card in ${lane}: only you can see it until the facilitator reveals. Type its text; Escape when done.`
		);
		return id;
	}

	/** Starts typing into a card, unless a lock forbids it (then says why); returns whether it did. */
	edit(id: string): boolean {
		if (this.refusedIn(this.lanesOf([id]))) return false;
		this.editingId = id;
		return true;
	}

	setText(id: string, text: string): void {
		if (this.refusedIn(this.lanesOf([id]))) return;
		setCardText(this.#docOf(id), id, text);
	}

	/** Moves a card to the bottom of another lane. */
	moveToPillar(id: string, pillar: string): void {
		if (this.refusedIn([...this.lanesOf([id]), pillar])) return;
		this.history.stopCapturing();
		if (this.isPrivate(id)) {
			const y = this.#bottomOf(pillar, id);
			placeCards(this.privateDoc!, [{ id, pillar, x: 0, y }]);
		} else {
			moveCardToPillar(this.doc, id, pillar);
		}
		this.say(`Card moved to ${this.#pillarLabel(pillar)}.`);
	}

	/** Puts dragged cards where they were dropped. */
	place(placements: Placement[]): void {
		if (placements.length === 0) return;
		const ids = placements.map((placement) => placement.id);
		if (this.refusedIn([...this.lanesOf(ids), ...placements.map((p) => p.pillar)])) return;
		this.history.stopCapturing();
		const before = getCard(this.#docOf(placements[0].id), placements[0].id)?.pillar;
		for (const [doc, part] of this.#split(placements, (placement) => placement.id)) {
			placeCards(doc, part);
		}
		const after = placements[0].pillar;
		const what = placements.length === 1 ? 'Card' : `${placements.length} cards`;
		this.say(before === after ? `${what} moved.` : `${what} moved to ${this.#pillarLabel(after)}.`);
	}

	/**
	 * Parks cards (off-topic: into the parking lot) or, if every one of them is parked already,
	 * brings them back to the lanes they came from.
	 */
	toggleParked(ids: string[]): void {
		const cards = ids.flatMap((id) => getCard(this.doc, id) ?? []);
		if (cards.length === 0) return;
		if (this.refusedIn(lanesOfParking(this.doc, ids))) return;
		this.history.stopCapturing();
		const what = cards.length === 1 ? 'Card' : `${cards.length} cards`;
		if (cards.every((card) => card.pillar === PARKING_LOT)) {
			const lanes = cards
				.map((card) => laneToReturnTo(this.doc, card))
				.filter((lane, index, all) => all.indexOf(lane) === index);
			unparkCards(this.doc, ids);
			const [only] = lanes;
			this.say(
				lanes.length === 1 && only
					? `${what} back in ${this.#pillarLabel(only)}.`
					: `${what} back in their lanes.`
			);
		} else {
			parkCards(this.doc, ids);
			this.say(`${what} moved to the parking lot. P brings back.`);
		}
	}

	resize(id: string, width: number, height: number): void {
		if (this.refusedIn(this.lanesOf([id]))) return;
		this.history.stopCapturing();
		resizeCard(this.#docOf(id), id, width, height);
	}

	/** Deletes the selected cards; returns how many went. */
	deleteSelected(): number {
		const ids = this.selection;
		if (ids.length > 0 && this.refusedIn(this.lanesOf(ids))) return 0;
		// Undo covers the board only: my private cards are gone for good once deleted.
		const undoable = ids.some((id) => !this.isPrivate(id));
		this.history.stopCapturing();
		for (const [doc, part] of this.#split(ids, (id) => id)) {
			doc.transact(() => part.forEach((id) => deleteCard(doc, id)));
		}
		this.select([]);
		if (this.editingId && ids.includes(this.editingId)) this.editingId = null;
		if (ids.length > 0) {
			const what = ids.length === 1 ? 'Card' : `${ids.length} cards`;
			this.say(`${what} deleted.${undoable ? ' Ctrl+Z brings back.' : ''}`);
		}
		return ids.length;
	}

	duplicateSelected(): void {
		if (this.selection.length === 0) return;
		// Copies go into the lanes of their originals.
		if (this.refusedIn(this.lanesOf(this.selection))) return;
		this.history.stopCapturing();
		const author = {
			authorId: this.user.id,
			authorName: this.user.name,
			partnerId: this.partnerId
		};
		// A private card's copy stays private: its text must not reach the board by the way.
		const copies = this.#split(this.selection, (id) => id).flatMap(([doc, part]) =>
			duplicateCards(doc, part, author)
		);
		this.select(copies);
		this.focusedId = copies[0] ?? this.focusedId;
		this.say(`${copies.length === 1 ? 'Card' : `${copies.length} cards`} duplicated.`);
	}

	colourSelected(colour: string, name: string): void {
		if (this.refusedIn(this.lanesOf(this.selection))) return;
		this.history.stopCapturing();
		for (const [doc, part] of this.#split(this.selection, (id) => id)) {
			setCardColour(doc, part, colour);
		}
		this.say(`Colour set to ${name}.`);
	}

	clusterSelected(name: string | null): void {
		if (this.selection.some((id) => this.isPrivate(id))) {
			this.say(PRIVATE_LABELS);
			return;
		}
		if (this.refusedIn(this.lanesOf(this.selection))) return;
		this.history.stopCapturing();
		setCardCluster(this.doc, this.selection, name);
		this.say(name ? `Grouped into the cluster ${name}.` : 'Taken out of its cluster.');
	}

	setTags(id: string, tags: string[]): void {
		if (this.isPrivate(id)) {
			this.say(PRIVATE_LABELS);
			return;
		}
		if (this.refusedIn(this.lanesOf([id]))) return;
		this.history.stopCapturing();
		setCardTags(this.doc, id, tags);
		this.say(tags.length ? `Tags: ${tags.join(', ')}.` : 'Tags removed.');
	}

	undo(): void {
		if (this.history.canUndo && this.refusedIn(this.history.nextUndoLanes())) return;
		this.say(this.history.undo() ? 'Undone.' : 'Nothing of yours to undo.');
	}

	redo(): void {
		if (this.history.canRedo && this.refusedIn(this.history.nextRedoLanes())) return;
		this.say(this.history.redo() ? 'Redone.' : 'Nothing to redo.');
	}
}
