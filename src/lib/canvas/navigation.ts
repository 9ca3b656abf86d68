/**
 * Moving between cards with the keyboard: up and down go through a lane in reading order; left
 * and right go to the nearest card (by height) in the next lane that has any.
 */
import { centre } from './geometry.ts';
import type { BoardLayout } from './layout.ts';

export type Direction = 'up' | 'down' | 'left' | 'right' | 'first' | 'last';

/** The card to go to from `fromId` in a direction, or null when there is none that way. */
export function neighbourCard(
	layout: BoardLayout,
	fromId: string | null,
	direction: Direction
): string | null {
	const from = fromId ? layout.byId.get(fromId) : undefined;
	if (!from) return layout.cards[0]?.id ?? null;
	const lane = layout.lanes[from.lane];
	const index = lane.cardIds.indexOf(from.id);
	switch (direction) {
		case 'up':
			return lane.cardIds[index - 1] ?? null;
		case 'down':
			return lane.cardIds[index + 1] ?? null;
		case 'first':
			return lane.cardIds[0] ?? null;
		case 'last':
			return lane.cardIds[lane.cardIds.length - 1] ?? null;
		case 'left':
		case 'right': {
			const step = direction === 'left' ? -1 : 1;
			for (let i = from.lane + step; i >= 0 && i < layout.lanes.length; i += step) {
				const ids = layout.lanes[i].cardIds;
				if (ids.length > 0) return nearestByHeight(layout, ids, centre(from).y);
			}
			return null;
		}
	}
}

function nearestByHeight(layout: BoardLayout, ids: string[], y: number): string {
	let best = ids[0];
	let distance = Infinity;
	for (const id of ids) {
		const d = Math.abs(centre(layout.byId.get(id)!).y - y);
		if (d < distance) [best, distance] = [id, d];
	}
	return best;
}

/**
 * The lane next to a card's lane (a pillar's, or the parking lot after the last pillar; the
 * unplaced frame is skipped): its key, or null.
 */
export function adjacentPillar(layout: BoardLayout, cardId: string, step: -1 | 1): string | null {
	const box = layout.byId.get(cardId);
	if (!box) return null;
	for (let i = box.lane + step; i >= 0 && i < layout.lanes.length; i += step) {
		if (layout.lanes[i].kind !== 'unplaced') return layout.lanes[i].key;
	}
	return null;
}
