/** Plain rectangle and point arithmetic for the canvas, in whatever units the caller uses. */

export interface Point {
	x: number;
	y: number;
}

export interface Rect {
	x: number;
	y: number;
	width: number;
	height: number;
}

/** Whether two rectangles overlap (touching edges do not count). */
export function intersects(a: Rect, b: Rect): boolean {
	return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** Whether a point lies inside a rectangle (left and top edges included). */
export function contains(rect: Rect, point: Point): boolean {
	return (
		point.x >= rect.x &&
		point.x < rect.x + rect.width &&
		point.y >= rect.y &&
		point.y < rect.y + rect.height
	);
}

/** The rectangle spanned by two corners given in any order (a box-select drag). */
export function rectFromCorners(a: Point, b: Point): Rect {
	return {
		x: Math.min(a.x, b.x),
		y: Math.min(a.y, b.y),
		width: Math.abs(a.x - b.x),
		height: Math.abs(a.y - b.y)
	};
}

/** The smallest rectangle holding every one given, or null for none. */
export function union(rects: Iterable<Rect>): Rect | null {
	let left = Infinity;
	let top = Infinity;
	let right = -Infinity;
	let bottom = -Infinity;
	for (const rect of rects) {
		left = Math.min(left, rect.x);
		top = Math.min(top, rect.y);
		right = Math.max(right, rect.x + rect.width);
		bottom = Math.max(bottom, rect.y + rect.height);
	}
	if (left === Infinity) return null;
	return { x: left, y: top, width: right - left, height: bottom - top };
}

/** A rectangle grown by `margin` on every side. */
export function inflate(rect: Rect, margin: number): Rect {
	return {
		x: rect.x - margin,
		y: rect.y - margin,
		width: rect.width + 2 * margin,
		height: rect.height + 2 * margin
	};
}

/**
 * A rectangle grown outward to whole cells of size `cell`. Rendering only what lies in the
 * snapped area means the set of rendered cards changes only when a pan crosses a cell edge,
 * not on every frame.
 */
export function snapOutward(rect: Rect, cell: number): Rect {
	const left = Math.floor(rect.x / cell) * cell;
	const top = Math.floor(rect.y / cell) * cell;
	const right = Math.ceil((rect.x + rect.width) / cell) * cell;
	const bottom = Math.ceil((rect.y + rect.height) / cell) * cell;
	return { x: left, y: top, width: right - left, height: bottom - top };
}

/** Whether two rectangles are the same. */
export function sameRect(a: Rect, b: Rect): boolean {
	return a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
}

/** The centre of a rectangle. */
export function centre(rect: Rect): Point {
	return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
}
