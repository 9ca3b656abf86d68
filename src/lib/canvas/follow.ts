/**
 * The camera math of following and being brought somewhere: another person's view fitted into my
 * screen, a lane or a card brought into view for everyone, and the glide between two viewports.
 * Pure, so that the board page only decides when to move, never how.
 */
import type { Rect } from './geometry.ts';
import type { BoardLayout, LaneFrame } from './layout.ts';
import {
	MAX_ZOOM,
	READABLE_ZOOM,
	clampZoom,
	fitRect,
	fitWidthFromTop,
	visibleWorld,
	type Size,
	type Viewport
} from './viewport.ts';

/**
 * A shared view's corners lie within this distance of the origin (world units): far beyond any
 * board (a whole board at the smallest zoom on a wall of screens is under a million units).
 */
export const MAX_VIEW_COORDINATE = 10_000_000;
/** A summon made longer ago than this, when a page opens, is history rather than a call to look. */
export const SUMMON_FRESH_MS = 60_000;

/**
 * Reads the view rectangle someone shared in their presence: four finite numbers, a positive
 * size, all within MAX_VIEW_COORDINATE; null for anything else (any client can send anything).
 */
export function readViewRect(value: unknown): Rect | null {
	if (typeof value !== 'object' || value === null) return null;
	const { x, y, width, height } = value as Record<string, unknown>;
	const numbers = [x, y, width, height];
	if (!numbers.every((n) => typeof n === 'number' && Number.isFinite(n))) return null;
	const [left, top, w, h] = numbers as number[];
	if (w <= 0 || h <= 0) return null;
	const inside = (n: number) => Math.abs(n) <= MAX_VIEW_COORDINATE;
	if (!inside(left) || !inside(top) || !inside(left + w) || !inside(top + h)) return null;
	return { x: left, y: top, width: w, height: h };
}

/** The part of the world my screen shows, rounded to whole units for sharing. */
export function sharedView(viewport: Viewport, size: Size): Rect {
	const view = visibleWorld(viewport, size);
	return {
		x: Math.round(view.x),
		y: Math.round(view.y),
		width: Math.max(1, Math.round(view.width)),
		height: Math.max(1, Math.round(view.height))
	};
}

/**
 * The viewport that shows `view` (what the person I follow sees) whole on my screen of `size`,
 * with the same middle: a wider or taller screen than theirs shows a little more round it.
 */
export function followViewport(view: Rect, size: Size): Viewport {
	return fitRect(view, size, 0, MAX_ZOOM);
}

/** The viewport that brings someone to a lane: as wide as it fits, from its top. */
export function laneViewport(lane: Rect, size: Size): Viewport {
	return fitWidthFromTop(lane, size);
}

/**
 * The viewport that brings someone to a card: the card in the middle of the screen, at least
 * readably large (closer still if they were closer already), and never larger than the screen.
 */
export function cardViewport(card: Rect, size: Size, currentZoom: number): Viewport {
	const fits = Math.min(
		(size.width * 0.9) / Math.max(1, card.width),
		(size.height * 0.9) / Math.max(1, card.height)
	);
	const zoom = clampZoom(Math.min(fits, Math.max(READABLE_ZOOM, currentZoom)));
	return {
		zoom,
		offsetX: size.width / 2 - (card.x + card.width / 2) * zoom,
		offsetY: size.height / 2 - (card.y + card.height / 2) * zoom
	};
}

/**
 * Where a summon to a lane (pillar key) or a card (id) takes a screen of `size` now at zoom
 * `zoom`: the viewport, and the lane when it is one; null when the lane or card is not on the
 * board (deleted since, or a private card of someone else's).
 */
export function summonViewport(
	called: { kind: 'lane' | 'card'; target: string },
	layout: BoardLayout,
	size: Size,
	zoom: number
): { viewport: Viewport; lane: LaneFrame | null } | null {
	if (called.kind === 'lane') {
		const lane = layout.lanes.find((each) => each.key === called.target);
		return lane ? { viewport: laneViewport(lane, size), lane } : null;
	}
	const box = layout.byId.get(called.target);
	return box ? { viewport: cardViewport(box, size, zoom), lane: null } : null;
}

/**
 * Whether a summon made at `at` is still worth acting on at `now` (both server times). One a
 * little in the future counts: the facilitator's clock estimate may run slightly ahead of mine.
 */
export function isFreshSummon(at: number, now: number): boolean {
	return now - at < SUMMON_FRESH_MS;
}

/**
 * The viewport a fraction `t` (0–1) of the way from `from` to `to`, as a camera would glide: the
 * middle of the view moves in a straight line while the zoom changes evenly in steps of scale
 * (so zooming far in or out does not rush at one end).
 */
export function glideViewport(from: Viewport, to: Viewport, t: number, size: Size): Viewport {
	if (t <= 0) return from;
	if (t >= 1) return to;
	const zoom = Math.exp(Math.log(from.zoom) + (Math.log(to.zoom) - Math.log(from.zoom)) * t);
	const middle = (viewport: Viewport) => ({
		x: (size.width / 2 - viewport.offsetX) / viewport.zoom,
		y: (size.height / 2 - viewport.offsetY) / viewport.zoom
	});
	const a = middle(from);
	const b = middle(to);
	const x = a.x + (b.x - a.x) * t;
	const y = a.y + (b.y - a.y) * t;
	return { zoom, offsetX: size.width / 2 - x * zoom, offsetY: size.height / 2 - y * zoom };
}

/** Eases a linear fraction of time in and out, so a glide starts and stops gently. */
export function easeInOut(t: number): number {
	const clamped = Math.min(1, Math.max(0, t));
	return clamped < 0.5 ? 2 * clamped * clamped : 1 - (-2 * clamped + 2) ** 2 / 2;
}
