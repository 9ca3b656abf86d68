/**
 * Pointer gestures on the canvas: pan (drag on empty space, space+drag, middle button, two
 * fingers), pinch zoom, dragging selected cards within and between lanes, box select
 * (shift+drag on empty space), resizing a card by its corner, and clicks that select.
 * What is in flight is kept as runes so that the canvas can draw it; the board changes once,
 * on release.
 */
import { cardAt, dropPlacement, laneAt, type BoardLayout } from '$lib/canvas/layout';
import { rectFromCorners, type Point, type Rect } from '$lib/canvas/geometry';
import { screenToWorld } from '$lib/canvas/viewport';
import type { BoardEditor } from './board-editor.svelte';
import type { Camera } from './camera.svelte';

/** A press that moves less than this (CSS pixels) is a click. */
const CLICK_SLOP = 4;

type Gesture =
	| { kind: 'pan'; last: Point }
	| { kind: 'drag'; start: Point; cardId: string; wasSelected: boolean; additive: boolean }
	| { kind: 'box'; start: Point }
	| { kind: 'resize'; start: Point; cardId: string }
	| { kind: 'pinch' };

export class CanvasPointer {
	/** How far the selected cards are being dragged, in board units. */
	drag = $state.raw<{ ids: Set<string>; dx: number; dy: number } | null>(null);
	/** The lane the dragged cards would land in. */
	dropLane = $state<string | null>(null);
	/** The box being drawn, in board units. */
	box = $state.raw<Rect | null>(null);
	/** A card's size while it is being resized. */
	resizing = $state.raw<{ id: string; width: number; height: number } | null>(null);
	/** Whether the space bar is held (the next drag pans). */
	spaceHeld = $state(false);

	#gesture: Gesture | null = null;
	#downAt: Point = { x: 0, y: 0 };
	#moved = false;
	#origin: Point = { x: 0, y: 0 };
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- built once and only read, or not state at all
	readonly #pointers = new Map<number, Point>();
	#pinchDistance = 0;

	constructor(
		private readonly camera: Camera,
		private readonly editor: BoardEditor,
		private readonly layout: () => BoardLayout,
		private readonly canEdit: () => boolean
	) {}

	/** Where a pointer event is, relative to the canvas element. */
	#local(event: PointerEvent | MouseEvent): Point {
		return { x: event.clientX - this.#origin.x, y: event.clientY - this.#origin.y };
	}

	#world(point: Point): Point {
		return screenToWorld(this.camera.viewport, point);
	}

	down(event: PointerEvent, element: HTMLElement): void {
		const target = event.target as HTMLElement;
		// Typing, selecting text and pressing buttons work as usual.
		if (target.closest('textarea, button, input, select, a')) return;
		const bounds = element.getBoundingClientRect();
		this.#origin = { x: bounds.left, y: bounds.top };
		const point = this.#local(event);
		this.#pointers.set(event.pointerId, point);
		element.setPointerCapture(event.pointerId);
		if (this.#pointers.size === 2) {
			const [a, b] = [...this.#pointers.values()];
			this.#pinchDistance = Math.hypot(a.x - b.x, a.y - b.y);
			this.#cancelEdits();
			this.#gesture = { kind: 'pinch' };
			return;
		}
		if (this.#pointers.size > 2) return;
		// No preventDefault: the press focuses the card or the canvas, and double-clicks still come.
		this.#downAt = point;
		this.#moved = false;
		const world = this.#world(point);
		const cardId = target.closest<HTMLElement>('[data-card-id]')?.dataset.cardId;
		if (event.button === 1 || this.spaceHeld || (event.button === 0 && this.camera.far)) {
			this.#gesture = { kind: 'pan', last: point };
		} else if (
			cardId &&
			target.closest('[data-resize]') &&
			this.canEdit() &&
			!this.editor.refusedIn(this.editor.lanesOf([cardId]))
		) {
			this.#gesture = { kind: 'resize', start: world, cardId };
		} else if (cardId) {
			const wasSelected = this.editor.selected.has(cardId);
			if (event.shiftKey) this.editor.toggle(cardId);
			else if (!wasSelected) this.editor.select([cardId]);
			this.editor.focusedId = cardId;
			this.#gesture = this.canEdit()
				? { kind: 'drag', start: world, cardId, wasSelected, additive: event.shiftKey }
				: null;
		} else if (event.shiftKey) {
			this.#gesture = { kind: 'box', start: world };
		} else {
			this.#gesture = { kind: 'pan', last: point };
		}
	}

	move(event: PointerEvent): void {
		if (!this.#pointers.has(event.pointerId)) return;
		const point = this.#local(event);
		this.#pointers.set(event.pointerId, point);
		const gesture = this.#gesture;
		if (!gesture) return;
		if (Math.hypot(point.x - this.#downAt.x, point.y - this.#downAt.y) > CLICK_SLOP) {
			this.#moved = true;
		}
		if (gesture.kind === 'pinch') {
			const [a, b] = [...this.#pointers.values()];
			const distance = Math.hypot(a.x - b.x, a.y - b.y);
			if (this.#pinchDistance > 0) {
				this.camera.zoomBy(distance / this.#pinchDistance, {
					x: (a.x + b.x) / 2,
					y: (a.y + b.y) / 2
				});
			}
			this.#pinchDistance = distance;
		} else if (gesture.kind === 'pan') {
			this.camera.panBy(point.x - gesture.last.x, point.y - gesture.last.y);
			gesture.last = point;
		} else if (!this.#moved) {
			return;
		} else if (gesture.kind === 'drag') {
			// A locked card is not picked up at all: the editor says why, once, as the drag begins.
			if (!this.drag && this.editor.refusedIn(this.editor.lanesOf(this.editor.selection))) {
				this.#gesture = null;
				return;
			}
			const world = this.#world(point);
			// eslint-disable-next-line svelte/prefer-svelte-reactivity -- built once and only read, or not state at all
			const ids = this.drag?.ids ?? new Set(this.editor.selection);
			const dx = world.x - gesture.start.x;
			const dy = world.y - gesture.start.y;
			this.drag = { ids, dx, dy };
			const box = this.layout().byId.get(gesture.cardId);
			this.dropLane = box
				? (laneAt(this.layout(), { x: box.x + dx + box.width / 2, y: 0 })?.key ?? null)
				: null;
		} else if (gesture.kind === 'box') {
			this.box = rectFromCorners(gesture.start, this.#world(point));
		} else if (gesture.kind === 'resize') {
			const box = this.layout().byId.get(gesture.cardId);
			if (!box) return;
			const world = this.#world(point);
			this.resizing = {
				id: gesture.cardId,
				width: Math.max(140, box.width + world.x - gesture.start.x),
				height: Math.max(80, box.height + world.y - gesture.start.y)
			};
		}
	}

	up(event: PointerEvent): void {
		if (!this.#pointers.delete(event.pointerId)) return;
		const gesture = this.#gesture;
		if (this.#pointers.size > 0) {
			// One finger of a pinch lifted: the other pans on from where it is.
			if (gesture?.kind === 'pinch') {
				this.#gesture = { kind: 'pan', last: [...this.#pointers.values()][0] };
			}
			return;
		}
		this.#gesture = null;
		if (!gesture) return;
		if (gesture.kind === 'drag' && this.#moved && this.drag) this.#drop();
		else if (gesture.kind === 'drag' && !this.#moved && gesture.wasSelected && !gesture.additive) {
			this.editor.select([gesture.cardId]);
		} else if (gesture.kind === 'box' && this.box) {
			const layout = this.layout();
			const inside = layout.cards.filter(
				(card) =>
					card.x >= this.box!.x &&
					card.y >= this.box!.y &&
					card.x + card.width <= this.box!.x + this.box!.width &&
					card.y + card.height <= this.box!.y + this.box!.height
			);
			this.editor.select(inside.map((card) => card.id));
			this.editor.say(`${inside.length} ${inside.length === 1 ? 'card' : 'cards'} selected.`);
		} else if (gesture.kind === 'resize' && this.resizing) {
			this.editor.resize(this.resizing.id, this.resizing.width, this.resizing.height);
		} else if (gesture.kind === 'pan' && !this.#moved) {
			this.#click(this.#local(event));
		}
		this.#cancelEdits();
	}

	/** A click on empty space clears the selection; zoomed far out, a click on a card opens it. */
	#click(point: Point): void {
		const card = this.camera.far ? cardAt(this.layout(), this.#world(point)) : null;
		if (card) {
			this.editor.focus(card.id);
			this.camera.reveal(card);
		} else {
			this.editor.select([]);
		}
	}

	#drop(): void {
		const { ids, dx, dy } = this.drag!;
		const layout = this.layout();
		const placements = [];
		for (const id of ids) {
			const box = layout.byId.get(id);
			if (!box) continue;
			const placement = dropPlacement(layout, { x: box.x + dx, y: box.y + dy }, box);
			if (placement) placements.push({ id, ...placement });
		}
		this.editor.place(placements);
	}

	#cancelEdits(): void {
		this.drag = null;
		this.dropLane = null;
		this.box = null;
		this.resizing = null;
	}
}
