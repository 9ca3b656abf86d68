/**
 * The camera over the infinite canvas. A point on the board (world units) appears on screen at
 * `world × zoom + offset`; the canvas applies exactly that as one CSS transform on one container,
 * so panning and zooming never touch the cards themselves.
 */
import type { Point, Rect } from './geometry.ts';

export interface Viewport {
	/** Screen position (CSS pixels, relative to the canvas element) of the world origin. */
	offsetX: number;
	offsetY: number;
	zoom: number;
}

export interface Size {
	width: number;
	height: number;
}

export const MIN_ZOOM = 0.01;
export const MAX_ZOOM = 3;
/** Each press of + or - zooms by this factor. */
export const ZOOM_STEP = 1.25;
/** Below this zoom, card text cannot be read: cards are drawn as plain shapes. */
export const FAR_ZOOM = 0.3;
/** A card brought into view for reading or editing is shown at least this large. */
export const READABLE_ZOOM = 0.75;

export const INITIAL_VIEWPORT: Viewport = { offsetX: 24, offsetY: 24, zoom: 1 };

export function clampZoom(zoom: number): number {
	return Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom));
}

export function screenToWorld(viewport: Viewport, point: Point): Point {
	return {
		x: (point.x - viewport.offsetX) / viewport.zoom,
		y: (point.y - viewport.offsetY) / viewport.zoom
	};
}

export function worldToScreen(viewport: Viewport, point: Point): Point {
	return {
		x: point.x * viewport.zoom + viewport.offsetX,
		y: point.y * viewport.zoom + viewport.offsetY
	};
}

/** The part of the world the screen shows. */
export function visibleWorld(viewport: Viewport, size: Size): Rect {
	return {
		x: -viewport.offsetX / viewport.zoom,
		y: -viewport.offsetY / viewport.zoom,
		width: size.width / viewport.zoom,
		height: size.height / viewport.zoom
	};
}

/** Moves the camera by a screen distance. */
export function panBy(viewport: Viewport, dx: number, dy: number): Viewport {
	return { ...viewport, offsetX: viewport.offsetX + dx, offsetY: viewport.offsetY + dy };
}

/** Zooms by `factor`, keeping the world point under `anchor` (screen) where it is. */
export function zoomAt(viewport: Viewport, anchor: Point, factor: number): Viewport {
	const zoom = clampZoom(viewport.zoom * factor);
	const world = screenToWorld(viewport, anchor);
	return { zoom, offsetX: anchor.x - world.x * zoom, offsetY: anchor.y - world.y * zoom };
}

/** The viewport that shows `rect` whole and centred, with `padding` pixels round it. */
export function fitRect(rect: Rect, size: Size, padding = 32, maxZoom = 1): Viewport {
	const room = { width: Math.max(1, size.width - 2 * padding), height: size.height - 2 * padding };
	const zoom = clampZoom(
		Math.min(maxZoom, room.width / Math.max(1, rect.width), room.height / Math.max(1, rect.height))
	);
	return {
		zoom,
		offsetX: size.width / 2 - (rect.x + rect.width / 2) * zoom,
		offsetY: size.height / 2 - (rect.y + rect.height / 2) * zoom
	};
}

/**
 * The viewport that shows the top of a tall rectangle (a lane) as wide as it fits: its width
 * fills the screen, and its top sits under the padding.
 */
export function fitWidthFromTop(rect: Rect, size: Size, padding = 32, maxZoom = 1.25): Viewport {
	const zoom = clampZoom(
		Math.min(maxZoom, (size.width - 2 * padding) / Math.max(1, rect.width), size.height / 400)
	);
	return {
		zoom,
		offsetX: size.width / 2 - (rect.x + rect.width / 2) * zoom,
		offsetY: padding - rect.y * zoom
	};
}

/**
 * The smallest change of viewport that shows `rect` whole with `margin` pixels round it, at a
 * readable zoom; the same viewport when it is already in view.
 */
export function bringIntoView(viewport: Viewport, rect: Rect, size: Size, margin = 48): Viewport {
	let next = viewport;
	if (next.zoom < READABLE_ZOOM) {
		const centreX = rect.x + rect.width / 2;
		const centreY = rect.y + rect.height / 2;
		const zoom = READABLE_ZOOM;
		return {
			zoom,
			offsetX: size.width / 2 - centreX * zoom,
			offsetY: size.height / 2 - centreY * zoom
		};
	}
	const left = rect.x * next.zoom + next.offsetX;
	const top = rect.y * next.zoom + next.offsetY;
	const right = left + rect.width * next.zoom;
	const bottom = top + rect.height * next.zoom;
	let dx = 0;
	let dy = 0;
	if (left < margin) dx = margin - left;
	else if (right > size.width - margin) dx = Math.max(margin - left, size.width - margin - right);
	if (top < margin) dy = margin - top;
	else if (bottom > size.height - margin)
		dy = Math.max(margin - top, size.height - margin - bottom);
	if (dx !== 0 || dy !== 0) next = panBy(next, dx, dy);
	return next;
}

/** What a wheel event means: a mouse wheel or pinch zooms, a trackpad's two-finger swipe pans. */
export function wheelIntent(event: {
	deltaX: number;
	deltaY: number;
	deltaMode: number;
	ctrlKey: boolean;
	metaKey: boolean;
}): 'zoom' | 'pan' {
	// Browsers report a trackpad pinch as a wheel event with ctrlKey set.
	if (event.ctrlKey || event.metaKey) return 'zoom';
	// Line or page steps come only from a mouse wheel.
	if (event.deltaMode !== 0) return 'zoom';
	// A trackpad swipe moves sideways too, and in small uneven steps; a wheel clicks in big ones.
	if (event.deltaX !== 0) return 'pan';
	return Math.abs(event.deltaY) >= 50 && Number.isInteger(event.deltaY) ? 'zoom' : 'pan';
}

/** The zoom factor of a wheel or pinch step: smooth, and symmetric in and out. */
export function wheelZoomFactor(deltaY: number, deltaMode: number): number {
	const pixels = deltaMode === 1 ? deltaY * 33 : deltaMode === 2 ? deltaY * 800 : deltaY;
	return Math.exp(-Math.max(-200, Math.min(200, pixels)) * 0.0025);
}
