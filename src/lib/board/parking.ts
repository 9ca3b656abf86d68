/**
 * The parking lot: a side area of the board for off-topic cards, so that a good idea that does not
 * belong to this conversation is kept without derailing it. Parked cards are ordinary cards whose
 * lane is PARKING_LOT (card-lane.ts), so everyone who may edit cards may park them and bring them
 * back, and layout, locks and undo treat the parking lot as one more lane. A facilitator carries
 * what is parked into the next workshop of the same place: the cards are copied there (into its
 * parking lot) and marked as carried in this one, so they are carried once.
 */
import type * as Y from 'yjs';
import type { Partner } from './board-doc.ts';
import { PARKING_LOT, isParkingLot, setCardLane } from './card-lane.ts';
import { addCard, cardRecord, listCards, nextSlot, type Card } from './cards.ts';
import { listPillars } from './board-doc.ts';

/**
 * Fields of a card that record a carry. Only facilitators (and the server, which carries) write
 * them; the sync server refuses them from partners (server/sync/parking-policy.ts).
 */
export const CARRY_FIELDS = [
	'carriedTo',
	'carriedToTitle',
	'carriedToAt',
	'carriedFrom',
	'carriedFromTitle',
	'carriedFromAt'
] as const;

/** A workshop as a carry names it: by id, and by its title for people. */
export interface CarryWorkshop {
	workshopId: string;
	title: string;
}

/** Whether a card is in the parking lot. */
export function isParked(card: Pick<Card, 'pillar'>): boolean {
	return isParkingLot(card.pillar);
}

/** The parked cards, top to bottom. */
export function listParkedCards(doc: Y.Doc): Card[] {
	return listCards(doc).filter(isParked);
}

/** Parked cards not yet carried into another workshop. */
export function cardsToCarry(doc: Y.Doc): Card[] {
	return listParkedCards(doc).filter((card) => card.carriedTo === null);
}

/** Moves cards to the bottom of the parking lot, in the order given, as one transaction. */
export function parkCards(doc: Y.Doc, ids: string[]): void {
	doc.transact(() => {
		for (const id of ids) {
			const record = cardRecord(doc, id);
			if (!record || record.get('pillar') === PARKING_LOT) continue;
			record.set('x', 0);
			record.set('y', nextSlot(doc, PARKING_LOT, id));
			setCardLane(record, PARKING_LOT);
		}
	});
}

/**
 * The lane a parked card goes back to: the one it was parked from if that pillar is still on the
 * board, else the first lane; null on a board without pillars.
 */
export function laneToReturnTo(doc: Y.Doc, card: Pick<Card, 'parkedFrom'>): string | null {
	const pillars = listPillars(doc);
	return pillars.find((pillar) => pillar.key === card.parkedFrom)?.key ?? pillars[0]?.key ?? null;
}

/**
 * Brings parked cards back to the bottom of a lane: `lane`, or for each card the lane it was
 * parked from (laneToReturnTo). Cards that are not parked are left alone.
 */
export function unparkCards(doc: Y.Doc, ids: string[], lane?: string): void {
	doc.transact(() => {
		for (const id of ids) {
			const record = cardRecord(doc, id);
			if (!record || record.get('pillar') !== PARKING_LOT) continue;
			const parkedFrom = record.get('parkedFrom');
			const to =
				lane ??
				laneToReturnTo(doc, { parkedFrom: typeof parkedFrom === 'string' ? parkedFrom : null });
			if (!to || isParkingLot(to)) continue;
			record.set('x', 0);
			record.set('y', nextSlot(doc, to, id));
			setCardLane(record, to);
		}
	});
}

/**
 * Which partner of the next workshop each partner of this one is, by code (ignoring case), else
 * by name: partner ids are per board, but a place's anchor institutions come back.
 */
export function matchPartners(from: Partner[], to: Partner[]): Map<string, string> {
	const norm = (text: string) => text.trim().toLowerCase();
	const matches = new Map<string, string>();
	for (const partner of from) {
		const match =
			to.find((other) => norm(other.code) === norm(partner.code)) ??
			to.find((other) => norm(other.name) !== '' && norm(other.name) === norm(partner.name));
		if (match) matches.set(partner.id, match.id);
	}
	return matches;
}

/**
 * Copies cards (from another workshop's board) to the bottom of this board's parking lot, with
 * their text, author's name, partner (matched by `partners`, else none), colour, size and tags,
 * marked as carried from `source`. Returns the new cards' ids.
 */
export function addCarriedCards(
	doc: Y.Doc,
	cards: Card[],
	source: CarryWorkshop,
	partners: Map<string, string>,
	at = Date.now()
): string[] {
	const pillars = new Set(listPillars(doc).map((pillar) => pillar.key));
	const ids: string[] = [];
	doc.transact(() => {
		for (const card of cards) {
			const id = addCard(doc, {
				pillar: PARKING_LOT,
				text: card.text,
				authorId: card.authorId,
				authorName: card.authorName,
				partnerId: card.partnerId ? (partners.get(card.partnerId) ?? null) : null,
				colour: card.colour,
				width: card.width,
				height: card.height,
				tags: card.tags
			});
			const record = cardRecord(doc, id)!;
			// Back to the same pillar's lane here too, if this board has it.
			record.set(
				'parkedFrom',
				card.parkedFrom && pillars.has(card.parkedFrom) ? card.parkedFrom : null
			);
			record.set('carriedFrom', source.workshopId);
			record.set('carriedFromTitle', source.title);
			record.set('carriedFromAt', at);
			ids.push(id);
		}
	});
	return ids;
}

/** Marks cards as carried into `target`, so they are not carried again. */
export function markCarried(
	doc: Y.Doc,
	ids: string[],
	target: CarryWorkshop,
	at = Date.now()
): void {
	doc.transact(() => {
		for (const id of ids) {
			const record = cardRecord(doc, id);
			if (!record) continue;
			record.set('carriedTo', target.workshopId);
			record.set('carriedToTitle', target.title);
			record.set('carriedToAt', at);
		}
	});
}
