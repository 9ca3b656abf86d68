/**
 * Which lane a card is in. A card's `pillar` names its lane: a pillar's key, or PARKING_LOT for
 * the parking lot, the side area for off-topic cards. Parking a card remembers the lane it left
 * (`parkedFrom`), so "back to its lane" needs no choice. Every move of a card between lanes goes
 * through setCardLane so that the two fields never disagree.
 */
import { str, type YRecord } from './board-doc.ts';

/**
 * The `pillar` of a card in the parking lot. Pillar keys are made of `a-z`, `0-9` and `-` only
 * (pillar-set.ts), so no pillar can take it.
 */
export const PARKING_LOT = '_parked';

/** Whether a lane key is the parking lot's. */
export function isParkingLot(lane: string): boolean {
	return lane === PARKING_LOT;
}

/** Puts a card record in a lane (pillar key or PARKING_LOT), keeping `parkedFrom` in step. */
export function setCardLane(record: YRecord, lane: string): void {
	const from = str(record, 'pillar');
	if (from === lane) return;
	if (isParkingLot(lane)) record.set('parkedFrom', from === '' ? null : from);
	else if (record.get('parkedFrom') != null) record.set('parkedFrom', null);
	record.set('pillar', lane);
}
