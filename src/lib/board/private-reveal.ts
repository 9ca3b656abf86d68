/**
 * Revealing private brainstorming: every private card becomes an ordinary card in the lane its
 * author put it in, as near to where they put it as the lane allows without covering another
 * card, and private mode ends, all in one transaction (so everyone receives it as one update).
 */
import type * as Y from 'yjs';
import { CARD_GAP, addCard, cardRecord, listCards } from './cards.ts';
import { setPrivateMode } from './facilitation.ts';
import type { PrivateCard } from './private-cards.ts';

/** A private card with its author, as the server hands it over for revealing. */
export interface CardToReveal extends PrivateCard {
	authorId: string;
	authorName: string;
	partnerId: string | null;
}

interface Box {
	x: number;
	y: number;
	width: number;
	height: number;
}

function overlaps(a: Box, b: Box): boolean {
	return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/**
 * The y at which `box` sits clear of every box in `taken`: its own y if nothing is in the way,
 * else pushed down below what it would cover, as often as needed.
 */
export function clearSpot(taken: readonly Box[], box: Box): number {
	let y = box.y;
	for (;;) {
		const hits = taken.filter((other) => overlaps({ ...box, y }, other));
		if (hits.length === 0) return y;
		// Always strictly lower than before, so this ends.
		y = Math.max(...hits.map((other) => other.y + other.height)) + CARD_GAP;
	}
}

/** Reading order within a lane, as the board lists cards (cards.ts). */
function byPlace(a: CardToReveal, b: CardToReveal): number {
	return (
		a.pillar.localeCompare(b.pillar) ||
		a.y - b.y ||
		a.x - b.x ||
		a.createdAt - b.createdAt ||
		a.id.localeCompare(b.id)
	);
}

/**
 * Puts private cards on the board as their authors' cards, keeping their ids, and turns private
 * mode off. A card whose id is on the board already (revealed before) is left as it is, so
 * revealing twice changes nothing. Returns the ids of the cards added.
 */
export function revealPrivateCards(doc: Y.Doc, cards: readonly CardToReveal[]): string[] {
	const added: string[] = [];
	doc.transact(() => {
		const taken = new Map<string, Box[]>();
		for (const card of listCards(doc)) {
			taken.set(card.pillar, [...(taken.get(card.pillar) ?? []), card]);
		}
		for (const card of [...cards].sort(byPlace)) {
			if (cardRecord(doc, card.id)) continue;
			const lane = taken.get(card.pillar) ?? [];
			const y = clearSpot(lane, card);
			addCard(doc, {
				id: card.id,
				pillar: card.pillar,
				text: card.text,
				x: card.x,
				y,
				width: card.width,
				height: card.height,
				colour: card.colour,
				authorId: card.authorId,
				authorName: card.authorName,
				partnerId: card.partnerId,
				createdAt: card.createdAt
			});
			taken.set(card.pillar, [...lane, { ...card, y }]);
			added.push(card.id);
		}
		setPrivateMode(doc, false);
	});
	return added;
}
