import { describe, expect, it } from 'vitest';
import { PARKING_LOT } from '$lib/board/card-lane';
import type { Card } from '$lib/board/cards';
import { pillarsForPreset } from '$lib/board/pillars';
import {
	MAX_VIEW_COORDINATE,
	SUMMON_FRESH_MS,
	cardViewport,
	easeInOut,
	followViewport,
	glideViewport,
	isFreshSummon,
	laneViewport,
	readViewRect,
	sharedView,
	summonViewport
} from './follow.ts';
import { layoutBoard } from './layout.ts';
import { READABLE_ZOOM, visibleWorld, type Viewport } from './viewport.ts';

const SCREEN = { width: 1600, height: 900 };

function middle(viewport: Viewport, size = SCREEN) {
	const view = visibleWorld(viewport, size);
	return { x: view.x + view.width / 2, y: view.y + view.height / 2 };
}

describe('readViewRect', () => {
	it('reads a shared view of four finite numbers with a positive size', () => {
		expect(readViewRect({ x: -10, y: 20, width: 300, height: 200 })).toEqual({
			x: -10,
			y: 20,
			width: 300,
			height: 200
		});
	});

	it('refuses anything that is not a sensible rectangle', () => {
		for (const value of [
			null,
			'view',
			{ x: 0, y: 0, width: 100 },
			{ x: 0, y: 0, width: 0, height: 10 },
			{ x: 0, y: 0, width: 10, height: -1 },
			{ x: Number.NaN, y: 0, width: 10, height: 10 },
			{ x: 0, y: Infinity, width: 10, height: 10 },
			{ x: '0', y: 0, width: 10, height: 10 },
			{ x: MAX_VIEW_COORDINATE, y: 0, width: 10, height: 10 },
			{ x: 0, y: -MAX_VIEW_COORDINATE - 1, width: 10, height: 10 }
		]) {
			expect(readViewRect(value)).toBeNull();
		}
	});
});

describe('following a view', () => {
	it('shares the visible world in whole units', () => {
		const view = sharedView({ offsetX: 10.4, offsetY: -20.6, zoom: 0.5 }, SCREEN);
		expect(view).toEqual({ x: -21, y: 41, width: 3200, height: 1800 });
	});

	it('shows the same view on a screen of the same size', () => {
		const theirs: Viewport = { offsetX: -300, offsetY: 120, zoom: 0.8 };
		const mine = followViewport(visibleWorld(theirs, SCREEN), SCREEN);
		expect(mine.zoom).toBeCloseTo(0.8);
		expect(mine.offsetX).toBeCloseTo(-300);
		expect(mine.offsetY).toBeCloseTo(120);
	});

	it('fits a wide view into a narrow screen whole, keeping its middle', () => {
		const view = { x: 1000, y: 500, width: 1600, height: 900 };
		const phone = { width: 400, height: 800 };
		const mine = followViewport(view, phone);
		expect(mine.zoom).toBeCloseTo(0.25);
		const shown = visibleWorld(mine, phone);
		expect(shown.x).toBeCloseTo(1000);
		expect(shown.width).toBeCloseTo(1600);
		expect(shown.height).toBeGreaterThanOrEqual(900);
		expect(middle(mine, phone).x).toBeCloseTo(1800);
		expect(middle(mine, phone).y).toBeCloseTo(950);
	});
});

describe('being brought somewhere', () => {
	it('brings everyone to the top of a lane, as wide as it fits', () => {
		const lane = { x: 2000, y: 0, width: 600, height: 3000 };
		const viewport = laneViewport(lane, SCREEN);
		expect(viewport.offsetY).toBe(32);
		expect(middle(viewport).x).toBeCloseTo(2300);
	});

	it('centres a card at a readable zoom, or closer if they were closer', () => {
		const card = { x: 500, y: 700, width: 220, height: 120 };
		const far = cardViewport(card, SCREEN, 0.1);
		expect(far.zoom).toBe(READABLE_ZOOM);
		expect(middle(far).x).toBeCloseTo(610);
		expect(middle(far).y).toBeCloseTo(760);
		expect(cardViewport(card, SCREEN, 1.5).zoom).toBe(1.5);
		// Never so close that the card overflows the screen.
		expect(cardViewport(card, { width: 200, height: 200 }, 1).zoom).toBeCloseTo(180 / 220);
	});

	it('finds where a summon takes everyone: a lane, the parking lot or a card, if it is there', () => {
		const note = { id: 'c1', pillar: 'spend', x: 10, y: 20, width: 220, height: 120 } as Card;
		const layout = layoutBoard(pillarsForPreset('cles'), [note]);
		const spend = layout.lanes.find((lane) => lane.key === 'spend')!;
		expect(summonViewport({ kind: 'lane', target: 'spend' }, layout, SCREEN, 1)).toEqual({
			viewport: laneViewport(spend, SCREEN),
			lane: spend
		});
		expect(
			summonViewport({ kind: 'lane', target: PARKING_LOT }, layout, SCREEN, 1)?.lane?.kind
		).toBe('parking');
		expect(summonViewport({ kind: 'card', target: 'c1' }, layout, SCREEN, 0.2)).toEqual({
			viewport: cardViewport(layout.byId.get('c1')!, SCREEN, 0.2),
			lane: null
		});
		expect(summonViewport({ kind: 'card', target: 'gone' }, layout, SCREEN, 1)).toBeNull();
		expect(summonViewport({ kind: 'lane', target: 'gone' }, layout, SCREEN, 1)).toBeNull();
	});

	it('acts on a summon for a minute, and on one slightly in the future', () => {
		const at = 1_000_000;
		expect(isFreshSummon(at, at + 5_000)).toBe(true);
		expect(isFreshSummon(at, at - 2_000)).toBe(true);
		expect(isFreshSummon(at, at + SUMMON_FRESH_MS)).toBe(false);
	});
});

describe('gliding between views', () => {
	it('starts at one viewport, ends at the other and zooms evenly in scale', () => {
		const from: Viewport = { offsetX: 0, offsetY: 0, zoom: 0.25 };
		const to: Viewport = { offsetX: -1000, offsetY: -500, zoom: 1 };
		expect(glideViewport(from, to, 0, SCREEN)).toBe(from);
		expect(glideViewport(from, to, 1, SCREEN)).toBe(to);
		const half = glideViewport(from, to, 0.5, SCREEN);
		expect(half.zoom).toBeCloseTo(0.5);
		const a = middle(from);
		const b = middle(to);
		expect(middle(half).x).toBeCloseTo((a.x + b.x) / 2);
		expect(middle(half).y).toBeCloseTo((a.y + b.y) / 2);
	});

	it('eases in and out between 0 and 1', () => {
		expect(easeInOut(-1)).toBe(0);
		expect(easeInOut(0.5)).toBeCloseTo(0.5);
		expect(easeInOut(0.1)).toBeLessThan(0.1);
		expect(easeInOut(0.9)).toBeGreaterThan(0.9);
		expect(easeInOut(2)).toBe(1);
	});
});
