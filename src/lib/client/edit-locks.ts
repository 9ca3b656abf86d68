/**
 * The facilitator's locks as the editing client applies them, before anything is written: the
 * same rule the server enforces (server/sync/lock-policy.ts) — a partner changes no card in a
 * locked lane, moves none into or out of one, adds none to one, and changes nothing at all while
 * the whole board is locked — so that a refused edit is refused here, with its reason, rather
 * than written, sent, refused by the server and thrown away. Facilitators are never stopped.
 */
import type * as Y from 'yjs';
import { listPillars } from '$lib/board/board-doc';
import { PARKING_LOT } from '$lib/board/card-lane';
import { getCard } from '$lib/board/cards';
import { lockProblem, readLocks, type Locks } from '$lib/board/facilitation';
import { laneToReturnTo } from '$lib/board/parking';
import type { BoardUser } from './board-connection.svelte';

/** Whether anything is locked at all (the usual case is nothing, and then nothing is checked). */
export function anyLock(locks: Locks): boolean {
	return locks.board || locks.lanes.length > 0;
}

/**
 * Why `role` may not change cards in these lanes (pillar keys or the parking lot's) under the
 * board's locks now: a sentence to show, or null if they may.
 */
export function lockedLanesProblem(
	doc: Y.Doc,
	role: BoardUser['role'],
	lanes: Iterable<string | null | undefined>
): string | null {
	if (role === 'facilitator') return null;
	const locks = readLocks(doc);
	if (!anyLock(locks)) return null;
	const labels = new Map(listPillars(doc).map((pillar) => [pillar.key, pillar.label]));
	// With the board locked, every change is refused, even one that names no lane.
	const keys = [...lanes].filter((lane): lane is string => typeof lane === 'string');
	for (const lane of locks.board ? ['', ...keys] : keys) {
		const problem = lockProblem(locks, lane, labels.get(lane) ?? lane);
		if (problem) return problem;
	}
	return null;
}

/** The lanes the cards with these ids are in (the board's cards only; unknown ids are skipped). */
export function lanesOfCards(doc: Y.Doc, ids: Iterable<string>): string[] {
	const lanes = new Set<string>();
	for (const id of ids) {
		const card = getCard(doc, id);
		if (card) lanes.add(card.pillar);
	}
	return [...lanes];
}

/**
 * The lanes parking or unparking these cards touches: the lanes they are in, and for parked
 * cards coming back, the lanes they go back to (or the parking lot, for cards going there).
 */
export function lanesOfParking(doc: Y.Doc, ids: Iterable<string>): string[] {
	const lanes = new Set<string>();
	const cards = [...ids].flatMap((id) => getCard(doc, id) ?? []);
	const back = cards.length > 0 && cards.every((card) => card.pillar === PARKING_LOT);
	for (const card of cards) {
		lanes.add(card.pillar);
		const to = back ? laneToReturnTo(doc, card) : PARKING_LOT;
		if (to) lanes.add(to);
	}
	return [...lanes];
}
