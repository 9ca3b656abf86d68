/**
 * Changing cards beyond their text: where they sit, their size and colour, their tags and the
 * cluster they are grouped into, and duplicating them. Each change is one transaction, so others
 * receive it whole and one undo takes it back whole.
 */
import * as Y from 'yjs';
import { ROOT, rootMap, str } from './board-doc.ts';
import { setCardLane } from './card-lane.ts';
import { addCard, cardRecord, getCard, type NewCard } from './cards.ts';

export const MIN_CARD_WIDTH = 140;
export const MIN_CARD_HEIGHT = 80;
export const MAX_CARD_WIDTH = 640;
export const MAX_CARD_HEIGHT = 480;
/** How far a duplicate sits from its original, down and to the right. */
export const DUPLICATE_OFFSET = 24;
/** Longest tag or cluster name kept (longer ones are cut). */
export const MAX_LABEL_LENGTH = 40;

/** Where a card goes: a lane (pillar key) and a position inside it. */
export interface Placement {
	id: string;
	pillar: string;
	x: number;
	y: number;
}

function clamp(value: number, min: number, max: number): number {
	return Math.min(max, Math.max(min, value));
}

/** Tidies a tag or cluster name: one line, trimmed, at most MAX_LABEL_LENGTH characters. */
export function cleanLabel(label: string): string {
	return label.replace(/\s+/g, ' ').trim().slice(0, MAX_LABEL_LENGTH).trim();
}

/**
 * Puts cards where they were dropped (positions are rounded, never negative); a different
 * pillar moves the card into that lane. Cards that are gone are skipped.
 */
export function placeCards(doc: Y.Doc, placements: Placement[]): void {
	doc.transact(() => {
		for (const { id, pillar, x, y } of placements) {
			const record = cardRecord(doc, id);
			if (!record) continue;
			const nextX = Math.max(0, Math.round(x));
			const nextY = Math.max(0, Math.round(y));
			if (record.get('x') !== nextX) record.set('x', nextX);
			if (record.get('y') !== nextY) record.set('y', nextY);
			setCardLane(record, pillar);
		}
	});
}

/** Resizes a card within the allowed bounds. Returns false if the card is gone. */
export function resizeCard(doc: Y.Doc, id: string, width: number, height: number): boolean {
	const record = cardRecord(doc, id);
	if (!record) return false;
	doc.transact(() => {
		record.set('width', Math.round(clamp(width, MIN_CARD_WIDTH, MAX_CARD_WIDTH)));
		record.set('height', Math.round(clamp(height, MIN_CARD_HEIGHT, MAX_CARD_HEIGHT)));
	});
	return true;
}

/** Gives cards a colour (CSS `#rrggbb`); anything else is refused with false. */
export function setCardColour(doc: Y.Doc, ids: string[], colour: string): boolean {
	if (!/^#[0-9a-f]{6}$/i.test(colour)) return false;
	doc.transact(() => {
		for (const id of ids) cardRecord(doc, id)?.set('colour', colour.toLowerCase());
	});
	return true;
}

/** Replaces a card's tags with `tags` (tidied, duplicates dropped), editing the list in place. */
export function setCardTags(doc: Y.Doc, id: string, tags: string[]): boolean {
	const record = cardRecord(doc, id);
	if (!record) return false;
	const wanted = [...new Set(tags.map(cleanLabel).filter((tag) => tag !== ''))];
	doc.transact(() => {
		let list = record.get('tags');
		if (!(list instanceof Y.Array)) {
			list = new Y.Array<string>();
			record.set('tags', list);
		}
		const items = list as Y.Array<unknown>;
		for (let i = items.length - 1; i >= 0; i--) {
			if (!wanted.includes(items.get(i) as string)) items.delete(i, 1);
		}
		const kept = items.toArray();
		const added = wanted.filter((tag) => !kept.includes(tag));
		if (added.length > 0) items.push(added);
	});
	return true;
}

/** Groups cards into the cluster named `name`, or out of any cluster with null or ''. */
export function setCardCluster(doc: Y.Doc, ids: string[], name: string | null): void {
	const cluster = name === null ? '' : cleanLabel(name);
	doc.transact(() => {
		for (const id of ids) cardRecord(doc, id)?.set('cluster', cluster === '' ? null : cluster);
	});
}

/** Renames a cluster on every card in it. */
export function renameCluster(doc: Y.Doc, from: string, to: string): void {
	const name = cleanLabel(to);
	doc.transact(() => {
		rootMap(doc, ROOT.cards).forEach((record) => {
			if (record instanceof Y.Map && str(record, 'cluster') === from) {
				record.set('cluster', name === '' ? null : name);
			}
		});
	});
}

/**
 * Copies cards into the same lanes, a little down and to the right, with `author` as their
 * author; returns the copies' ids in the order given. Links to actions are not copied.
 */
export function duplicateCards(
	doc: Y.Doc,
	ids: string[],
	author: Pick<NewCard, 'authorId' | 'authorName' | 'partnerId'>
): string[] {
	const copies: string[] = [];
	doc.transact(() => {
		for (const id of ids) {
			const card = getCard(doc, id);
			if (!card) continue;
			copies.push(
				addCard(doc, {
					...author,
					pillar: card.pillar,
					text: card.text,
					colour: card.colour,
					x: card.x + DUPLICATE_OFFSET,
					y: card.y + DUPLICATE_OFFSET,
					width: card.width,
					height: card.height,
					tags: card.tags,
					cluster: card.cluster
				})
			);
		}
	});
	return copies;
}
