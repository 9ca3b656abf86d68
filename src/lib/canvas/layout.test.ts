import { describe, expect, it } from 'vitest';
import { PARKING_LOT } from '$lib/board/card-lane';
import type { Card } from '$lib/board/cards';
import { pillarsForPreset } from '$lib/board/pillars';
import { rectFromCorners, snapOutward } from './geometry.ts';
import {
	LANE_GAP,
	LANE_HEADER,
	LANE_MIN_HEIGHT,
	LANE_MIN_WIDTH,
	LANE_PADDING,
	UNPLACED,
	cardAt,
	cardsIn,
	dropPlacement,
	laneAt,
	layoutBoard
} from './layout.ts';
import { adjacentPillar, neighbourCard } from './navigation.ts';

const PILLARS = pillarsForPreset('cles');

function card(id: string, pillar: string, x: number, y: number, width = 220, height = 120): Card {
	return {
		id,
		pillar,
		x,
		y,
		width,
		height,
		text: id,
		colour: '#fff4b8',
		authorId: null,
		authorName: '',
		partnerId: null,
		createdAt: 0,
		actionId: null,
		tags: [],
		cluster: null,
		parkedFrom: null,
		carriedTo: null,
		carriedFrom: null
	};
}

describe('board layout', () => {
	it('lays the lanes out side by side in pillar order, then the parking lot, all the same height', () => {
		const layout = layoutBoard(PILLARS, []);
		expect(layout.lanes.map((lane) => lane.key)).toEqual([
			...PILLARS.map((pillar) => pillar.key),
			PARKING_LOT
		]);
		expect(layout.lanes.at(-1)).toMatchObject({ kind: 'parking', pillar: null });
		expect(layout.lanes[1].x).toBe(LANE_MIN_WIDTH + LANE_GAP);
		expect(new Set(layout.lanes.map((lane) => lane.height))).toEqual(new Set([LANE_MIN_HEIGHT]));
		expect(layout.bounds.width).toBe(6 * LANE_MIN_WIDTH + 5 * LANE_GAP);
	});

	it('puts parked cards in the parking lot, before the frame of unplaced cards', () => {
		const layout = layoutBoard(PILLARS, [
			card('parked', PARKING_LOT, 0, 0),
			card('lost', 'removed-pillar', 0, 0)
		]);
		const parking = layout.lanes.findIndex((lane) => lane.kind === 'parking');
		expect(layout.lanes[parking].cardIds).toEqual(['parked']);
		expect(layout.lanes[parking + 1]).toMatchObject({ kind: 'unplaced', cardIds: ['lost'] });
		expect(layout.byId.get('parked')!.lane).toBe(parking);
	});

	it('places cards relative to their lane and grows lanes to hold them', () => {
		const layout = layoutBoard(PILLARS, [
			card('a', 'workforce', 400, 0),
			card('b', 'spend', 0, 2000)
		]);
		const workforce = layout.lanes[1];
		expect(workforce.width).toBe(400 + 220 + 2 * LANE_PADDING);
		expect(layout.lanes[2].x).toBe(LANE_MIN_WIDTH + LANE_GAP + workforce.width + LANE_GAP);
		expect(layout.byId.get('a')).toMatchObject({ x: workforce.x + LANE_PADDING + 400, lane: 1 });
		expect(layout.byId.get('b')!.y).toBe(LANE_HEADER + 2000);
		expect(layout.lanes[4].height).toBeGreaterThan(LANE_HEADER + 2120);
	});

	it('keeps cards whose pillar is gone in a frame of their own, so none is lost', () => {
		const layout = layoutBoard(PILLARS, [card('lost', 'removed-pillar', 0, 0)]);
		expect(layout.lanes.at(-1)).toMatchObject({
			key: UNPLACED,
			kind: 'unplaced',
			pillar: null,
			cardIds: ['lost']
		});
	});

	it('finds the lane and card under a point and the cards in a rectangle', () => {
		const layout = layoutBoard(PILLARS, [card('a', 'spend', 0, 0), card('b', 'land', 0, 0)]);
		expect(laneAt(layout, { x: 10, y: 5000 })?.key).toBe('spend');
		// In the gap between spend and workforce, nearer to workforce.
		expect(laneAt(layout, { x: LANE_MIN_WIDTH + LANE_GAP - 5, y: 0 })?.key).toBe('workforce');
		const a = layout.byId.get('a')!;
		expect(cardAt(layout, { x: a.x + 5, y: a.y + 5 })?.id).toBe('a');
		expect(cardAt(layout, { x: a.x - 5, y: a.y })).toBeNull();
		const box = rectFromCorners({ x: 0, y: 0 }, { x: LANE_MIN_WIDTH, y: 10_000 });
		expect(cardsIn(layout, box).map((each) => each.id)).toEqual(['a']);
	});

	it('drops a card into the lane under its centre, at a position inside that lane', () => {
		const layout = layoutBoard(PILLARS, []);
		const land = layout.lanes[2];
		const placement = dropPlacement(
			layout,
			{ x: land.x + 30, y: LANE_HEADER + 90 },
			{ width: 220, height: 120 }
		);
		expect(placement).toEqual({ pillar: 'land', x: 30 - LANE_PADDING, y: 90 });
		const above = dropPlacement(layout, { x: land.x - 100, y: 0 }, { width: 220, height: 120 });
		expect(above).toEqual({ pillar: 'land', x: 0, y: 0 });
	});

	it('drops a card into the parking lot, but never into the frame of unplaced cards', () => {
		const layout = layoutBoard(PILLARS, [card('lost', 'removed-pillar', 0, 0)]);
		const parking = layout.lanes.find((lane) => lane.kind === 'parking')!;
		const unplaced = layout.lanes.find((lane) => lane.kind === 'unplaced')!;
		const size = { width: 220, height: 120 };
		expect(dropPlacement(layout, { x: parking.x + 40, y: 300 }, size)?.pillar).toBe(PARKING_LOT);
		expect(dropPlacement(layout, { x: unplaced.x + 40, y: 300 }, size)?.pillar).toBe(PARKING_LOT);
	});

	it('snaps the rendered area to whole cells, so small pans do not change what is drawn', () => {
		expect(snapOutward({ x: 130, y: -20, width: 500, height: 100 }, 256)).toEqual({
			x: 0,
			y: -256,
			width: 768,
			height: 512
		});
	});
});

describe('keyboard navigation', () => {
	const layout = layoutBoard(PILLARS, [
		card('s1', 'spend', 0, 0),
		card('s2', 'spend', 0, 200),
		card('s3', 'spend', 0, 400),
		card('l1', 'land', 0, 380),
		card('f1', 'finance', 0, 0),
		card('p1', PARKING_LOT, 0, 0)
	]);

	it('goes up and down a lane in reading order', () => {
		expect(neighbourCard(layout, 's1', 'down')).toBe('s2');
		expect(neighbourCard(layout, 's2', 'up')).toBe('s1');
		expect(neighbourCard(layout, 's1', 'up')).toBeNull();
		expect(neighbourCard(layout, 's1', 'last')).toBe('s3');
		expect(neighbourCard(layout, null, 'down')).toBe('s1');
	});

	it('goes sideways to the nearest card of the next lane with cards', () => {
		expect(neighbourCard(layout, 's1', 'right')).toBe('l1');
		expect(neighbourCard(layout, 'l1', 'left')).toBe('s3');
		expect(neighbourCard(layout, 'l1', 'right')).toBe('f1');
		expect(neighbourCard(layout, 'f1', 'right')).toBe('p1');
		expect(neighbourCard(layout, 'p1', 'right')).toBeNull();
	});

	it('names the pillar of the next or previous lane for moving a card there', () => {
		expect(adjacentPillar(layout, 's1', 1)).toBe('workforce');
		expect(adjacentPillar(layout, 's1', -1)).toBeNull();
		expect(adjacentPillar(layout, 'l1', -1)).toBe('workforce');
	});

	it('moves a card from the last lane into the parking lot and back with the same keys', () => {
		expect(adjacentPillar(layout, 'f1', 1)).toBe(PARKING_LOT);
		expect(adjacentPillar(layout, 'p1', -1)).toBe('finance');
		expect(adjacentPillar(layout, 'p1', 1)).toBeNull();
	});
});
