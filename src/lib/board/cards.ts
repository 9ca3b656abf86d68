/** Sticky cards on the board: ideas placed in a pillar lane. */
import * as Y from 'yjs';
import {
	ROOT,
	makeRecord,
	newId,
	num,
	optStr,
	rootMap,
	str,
	strList,
	type YRecord
} from './board-doc.ts';
import { setCardLane } from './card-lane.ts';
import { updateText } from './text.ts';

/** Default card size and the gap between stacked cards, in board units. */
export const CARD_WIDTH = 240;
export const CARD_HEIGHT = 140;
export const CARD_GAP = 16;
export const CARD_COLOURS = ['#fff4b8', '#ffd9c2', '#d7f0d2', '#d4e6fb', '#eadcf8'] as const;

/** A card as plain data (a snapshot; edit it through the helpers below). */
export interface Card {
	id: string;
	text: string;
	/** Key of the pillar whose lane holds the card. */
	pillar: string;
	/** Position inside the lane, in board units from the lane's top-left corner. */
	x: number;
	y: number;
	width: number;
	height: number;
	colour: string;
	authorId: string | null;
	authorName: string;
	/** Partner organisation of the author, if any. */
	partnerId: string | null;
	/** Milliseconds since the epoch. */
	createdAt: number;
	/** The action this card was promoted to, if any. */
	actionId: string | null;
	/** Free labels, e.g. `quick win`, in the order they were added. */
	tags: string[];
	/** Name of the cluster the card is grouped into, if any. */
	cluster: string | null;
	/** For a card in the parking lot: the pillar whose lane it was parked from. */
	parkedFrom: string | null;
	/** For a parked card carried into a later workshop: where to, and when (parking.ts). */
	carriedTo: CarryMark | null;
	/** For a card carried in from an earlier workshop: where from, and when. */
	carriedFrom: CarryMark | null;
}

/** A workshop a card was carried to or from, by id and by its title at the time. */
export interface CarryMark {
	workshopId: string;
	title: string;
	/** Milliseconds since the epoch. */
	at: number;
}

export interface NewCard {
	/** The card's id when it already has one (a revealed private card keeps its own). */
	id?: string;
	pillar: string;
	text?: string;
	authorId?: string | null;
	authorName?: string;
	partnerId?: string | null;
	colour?: string;
	/** Position in the lane; by default the bottom of the lane. */
	x?: number;
	y?: number;
	width?: number;
	height?: number;
	tags?: string[];
	cluster?: string | null;
	/** When it was written; now by default. */
	createdAt?: number;
}

/** A card's record, or null if it does not exist (for the sibling card modules). */
export function cardRecord(doc: Y.Doc, id: string): YRecord | null {
	const record = rootMap(doc, ROOT.cards).get(id);
	return record instanceof Y.Map ? record : null;
}

function readCard(id: string, record: YRecord): Card {
	return {
		id,
		text: str(record, 'text'),
		pillar: str(record, 'pillar'),
		x: num(record, 'x'),
		y: num(record, 'y'),
		width: num(record, 'width', CARD_WIDTH),
		height: num(record, 'height', CARD_HEIGHT),
		colour: str(record, 'colour', CARD_COLOURS[0]),
		authorId: optStr(record, 'authorId'),
		authorName: str(record, 'authorName'),
		partnerId: optStr(record, 'partnerId'),
		createdAt: num(record, 'createdAt'),
		actionId: optStr(record, 'actionId'),
		tags: strList(record, 'tags'),
		cluster: optStr(record, 'cluster'),
		parkedFrom: optStr(record, 'parkedFrom'),
		carriedTo: readCarryMark(record, 'carriedTo'),
		carriedFrom: readCarryMark(record, 'carriedFrom')
	};
}

function readCarryMark(record: YRecord, field: 'carriedTo' | 'carriedFrom'): CarryMark | null {
	const workshopId = optStr(record, field);
	if (!workshopId) return null;
	return { workshopId, title: str(record, `${field}Title`), at: num(record, `${field}At`) };
}

/** Every card, ordered top to bottom within each lane (ties by creation, then id). */
export function listCards(doc: Y.Doc): Card[] {
	const cards: Card[] = [];
	rootMap(doc, ROOT.cards).forEach((record, id) => {
		if (record instanceof Y.Map) cards.push(readCard(id, record));
	});
	return cards.sort(
		(a, b) => a.y - b.y || a.x - b.x || a.createdAt - b.createdAt || a.id.localeCompare(b.id)
	);
}

/** One card, or null if it does not exist. */
export function getCard(doc: Y.Doc, id: string): Card | null {
	const record = cardRecord(doc, id);
	return record ? readCard(id, record) : null;
}

/** The y position just below the lowest card in a lane. */
export function nextSlot(doc: Y.Doc, pillar: string, except?: string): number {
	let bottom = 0;
	rootMap(doc, ROOT.cards).forEach((record, id) => {
		if (id === except || !(record instanceof Y.Map) || str(record, 'pillar') !== pillar) return;
		bottom = Math.max(bottom, num(record, 'y') + num(record, 'height', CARD_HEIGHT) + CARD_GAP);
	});
	return bottom;
}

/** Adds a card at the bottom of its lane and returns its id. */
export function addCard(doc: Y.Doc, card: NewCard): string {
	const id = card.id ?? newId();
	doc.transact(() => {
		const text = new Y.Text();
		if (card.text) text.insert(0, card.text);
		rootMap(doc, ROOT.cards).set(
			id,
			makeRecord({
				id,
				text,
				pillar: card.pillar,
				x: card.x ?? 0,
				y: card.y ?? nextSlot(doc, card.pillar),
				width: card.width ?? CARD_WIDTH,
				height: card.height ?? CARD_HEIGHT,
				colour: card.colour ?? CARD_COLOURS[0],
				authorId: card.authorId ?? null,
				authorName: card.authorName ?? '',
				partnerId: card.partnerId ?? null,
				createdAt: card.createdAt ?? Date.now(),
				actionId: null,
				tags: Y.Array.from(card.tags ?? []),
				cluster: card.cluster ?? null
			})
		);
	});
	return id;
}

/**
 * Replaces a card's text with `next` as a minimal edit, so concurrent typing merges.
 * Returns false if the card is gone.
 */
export function setCardText(doc: Y.Doc, id: string, next: string): boolean {
	const record = cardRecord(doc, id);
	if (!record) return false;
	const text = record.get('text');
	if (text instanceof Y.Text) {
		updateText(text, next);
	} else {
		// A foreign client stored plain text; upgrade it to a collaborative Y.Text.
		const fresh = new Y.Text();
		fresh.insert(0, next);
		record.set('text', fresh);
	}
	return true;
}

/** Moves a card into another lane (a pillar's or the parking lot), at its bottom. Returns false if the card is gone. */
export function moveCardToPillar(doc: Y.Doc, id: string, pillar: string): boolean {
	const record = cardRecord(doc, id);
	if (!record) return false;
	if (str(record, 'pillar') === pillar) return true;
	doc.transact(() => {
		record.set('y', nextSlot(doc, pillar, id));
		record.set('x', 0);
		setCardLane(record, pillar);
	});
	return true;
}

/** Deletes a card. Returns false if it was already gone. */
export function deleteCard(doc: Y.Doc, id: string): boolean {
	const cards = rootMap(doc, ROOT.cards);
	if (!cards.has(id)) return false;
	cards.delete(id);
	return true;
}

/** A card colour picked steadily from a seed (e.g. the author's id), so each person's cards match. */
export function cardColourFor(seed: string): string {
	let hash = 0;
	for (let i = 0; i < seed.length; i++) hash = (hash * 31 + seed.charCodeAt(i)) >>> 0;
	return CARD_COLOURS[hash % CARD_COLOURS.length];
}
