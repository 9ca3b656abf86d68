/**
 * The camera over one open board: the viewport as a rune, plus the area of the world that is
 * rendered. That area changes only when a pan or zoom crosses a cell edge, so a pan re-renders
 * nothing but the one transformed container until new cards come near.
 */
import { inflate, sameRect, snapOutward, type Rect } from '$lib/canvas/geometry';
import {
	FAR_ZOOM,
	INITIAL_VIEWPORT,
	ZOOM_STEP,
	bringIntoView,
	fitRect,
	fitWidthFromTop,
	panBy,
	visibleWorld,
	zoomAt,
	type Size,
	type Viewport
} from '$lib/canvas/viewport';

/** Cards are rendered this far (in screens) beyond the edges of the view. */
const RENDER_MARGIN_SCREENS = 0.3;
/** The rendered area snaps to cells about this many screens across (small: fewer cards per step). */
const RENDER_CELL_SCREENS = 0.25;

export class Camera {
	viewport = $state.raw<Viewport>(INITIAL_VIEWPORT);
	/** The canvas element's size in CSS pixels. */
	size = $state.raw<Size>({ width: 1600, height: 900 });
	/** The part of the world whose cards are rendered. */
	renderRect = $state.raw<Rect>(this.#renderRectFor(INITIAL_VIEWPORT, this.size));
	/** Whether the board is zoomed out too far to read cards (they are drawn as shapes). */
	far = $state(false);

	/** Moves the camera; every pan and zoom goes through here. */
	set(viewport: Viewport): void {
		this.viewport = viewport;
		const far = viewport.zoom < FAR_ZOOM;
		if (far !== this.far) this.far = far;
		const rect = this.#renderRectFor(viewport, this.size);
		if (!sameRect(rect, this.renderRect)) this.renderRect = rect;
	}

	resize(size: Size): void {
		if (size.width === this.size.width && size.height === this.size.height) return;
		this.size = size;
		this.set(this.viewport);
	}

	panBy(dx: number, dy: number): void {
		this.set(panBy(this.viewport, dx, dy));
	}

	/** Zooms by a factor about a screen point (the centre of the view by default). */
	zoomBy(factor: number, anchor = { x: this.size.width / 2, y: this.size.height / 2 }): void {
		this.set(zoomAt(this.viewport, anchor, factor));
	}

	zoomIn(): void {
		this.zoomBy(ZOOM_STEP);
	}

	zoomOut(): void {
		this.zoomBy(1 / ZOOM_STEP);
	}

	/** Shows the whole of `bounds` (the board). */
	fit(bounds: Rect): void {
		this.set(fitRect(bounds, this.size));
	}

	/** Shows a lane as wide as it fits, from its top. */
	showLane(lane: Rect): void {
		this.set(fitWidthFromTop(lane, this.size));
	}

	/** Pans (and zooms in, if needed) just enough to show `rect` readably. */
	reveal(rect: Rect): void {
		const next = bringIntoView(this.viewport, rect, this.size);
		if (next !== this.viewport) this.set(next);
	}

	#renderRectFor(viewport: Viewport, size: Size): Rect {
		const visible = visibleWorld(viewport, size);
		const screen = Math.max(visible.width, visible.height);
		// A power of two, so the cell size stays put while zooming within one octave.
		const cell = 2 ** Math.ceil(Math.log2(Math.max(64, screen * RENDER_CELL_SCREENS)));
		return snapOutward(inflate(visible, screen * RENDER_MARGIN_SCREENS), cell);
	}
}
