import { describe, expect, it } from 'vitest';
import {
	MAX_ZOOM,
	READABLE_ZOOM,
	bringIntoView,
	fitRect,
	panBy,
	screenToWorld,
	visibleWorld,
	wheelIntent,
	wheelZoomFactor,
	worldToScreen,
	zoomAt
} from './viewport.ts';

const SCREEN = { width: 1600, height: 900 };

describe('viewport', () => {
	it('maps screen points to world points and back', () => {
		const viewport = { offsetX: 100, offsetY: -50, zoom: 2 };
		const world = screenToWorld(viewport, { x: 300, y: 150 });
		expect(world).toEqual({ x: 100, y: 100 });
		expect(worldToScreen(viewport, world)).toEqual({ x: 300, y: 150 });
	});

	it('keeps the point under the pointer still while zooming, within the zoom limits', () => {
		const start = { offsetX: 20, offsetY: 30, zoom: 1 };
		const anchor = { x: 640, y: 360 };
		const before = screenToWorld(start, anchor);
		const zoomed = zoomAt(start, anchor, 1.5);
		expect(zoomed.zoom).toBe(1.5);
		const after = screenToWorld(zoomed, anchor);
		expect(after.x).toBeCloseTo(before.x);
		expect(after.y).toBeCloseTo(before.y);
		expect(zoomAt(start, anchor, 1000).zoom).toBe(MAX_ZOOM);
	});

	it('pans by a screen distance and reports the visible part of the world', () => {
		const viewport = panBy({ offsetX: 0, offsetY: 0, zoom: 0.5 }, -100, 50);
		expect(visibleWorld(viewport, SCREEN)).toEqual({ x: 200, y: -100, width: 3200, height: 1800 });
	});

	it('fits a rectangle whole and centred, never zooming past the cap', () => {
		const fitted = fitRect({ x: 0, y: 0, width: 3000, height: 1000 }, SCREEN, 50);
		expect(fitted.zoom).toBeCloseTo(1500 / 3000);
		const shown = visibleWorld(fitted, SCREEN);
		expect(shown.x + shown.width / 2).toBeCloseTo(1500);
		expect(shown.y + shown.height / 2).toBeCloseTo(500);
		expect(fitRect({ x: 0, y: 0, width: 10, height: 10 }, SCREEN).zoom).toBe(1);
	});

	it('brings a card into view with the least movement, zooming in when it is unreadable', () => {
		const viewport = { offsetX: 0, offsetY: 0, zoom: 1 };
		const inView = { x: 100, y: 100, width: 200, height: 100 };
		expect(bringIntoView(viewport, inView, SCREEN)).toBe(viewport);
		const below = bringIntoView(viewport, { x: 100, y: 2000, width: 200, height: 100 }, SCREEN);
		expect(below.offsetX).toBe(0);
		expect(2100 + below.offsetY).toBe(900 - 48);
		const far = bringIntoView({ offsetX: 0, offsetY: 0, zoom: 0.05 }, inView, SCREEN);
		expect(far.zoom).toBe(READABLE_ZOOM);
	});

	it('tells a pinch or mouse wheel (zoom) from a trackpad swipe (pan)', () => {
		const wheel = { deltaX: 0, deltaY: 100, deltaMode: 0, ctrlKey: false, metaKey: false };
		expect(wheelIntent(wheel)).toBe('zoom');
		expect(wheelIntent({ ...wheel, deltaY: 3, deltaMode: 1 })).toBe('zoom');
		expect(wheelIntent({ ...wheel, deltaY: 4.5 })).toBe('pan');
		expect(wheelIntent({ ...wheel, deltaX: 12, deltaY: 30 })).toBe('pan');
		expect(wheelIntent({ ...wheel, deltaY: 2.5, ctrlKey: true })).toBe('zoom');
		expect(wheelZoomFactor(100, 0) * wheelZoomFactor(-100, 0)).toBeCloseTo(1);
		expect(wheelZoomFactor(100, 0)).toBeLessThan(1);
	});
});
