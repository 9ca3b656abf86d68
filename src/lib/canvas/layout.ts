/**
 * Where everything sits on the canvas, worked out from the board alone: pillar lanes side by side
 * in pillar order, each a frame as wide and tall as its cards need, cards placed by their
 * lane-relative position. Every replica computes the same layout from the same document.
 */
import { PARKING_LOT } from '$lib/board/card-lane';
import type { Card } from '$lib/board/cards';
import type { Pillar } from '$lib/board/pillars';
import { contains, intersects, union, type Point, type Rect } from './geometry.ts';

/** Lane frames, in world units. */
export const LANE_MIN_WIDTH = 320;
export const LANE_MIN_HEIGHT = 720;
export const LANE_PADDING = 20;
/** Room at a lane's top for its name, meaning and card count. */
export const LANE_HEADER = 196;
/** Room below a lane's last card, to drop or add another. */
export const LANE_FOOTER = 160;
export const LANE_GAP = 40;
/** Key of the frame holding cards whose pillar is not on the board (say, removed meanwhile). */
export const UNPLACED = '';

/** A pillar's lane, the parking lot (off-topic cards), or the frame of unplaced cards. */
export type LaneKind = 'pillar' | 'parking' | 'unplaced';

export interface LaneFrame extends Rect {
	/** Pillar key, PARKING_LOT or UNPLACED. */
	key: string;
	kind: LaneKind;
	/** The pillar of a pillar's lane; null for the other kinds. */
	pillar: Pillar | null;
	/** Top-left of the area cards are positioned in. */
	contentX: number;
	contentY: number;
	/** The lane's cards in reading order (top to bottom, then left to right). */
	cardIds: string[];
}

export interface CardBox extends Rect {
	id: string;
	lane: number;
}

export interface BoardLayout {
	lanes: LaneFrame[];
	/** Every card's rectangle in world units, in reading order lane by lane. */
	cards: CardBox[];
	byId: Map<string, CardBox>;
	bounds: Rect;
}

/**
 * Lays out the lanes of `pillars` (already in lane order), then the parking lot, then (if any
 * card needs it) the frame of unplaced cards, and the cards inside them.
 */
export function layoutBoard(pillars: Pillar[], cards: Card[]): BoardLayout {
	const frames: { key: string; kind: LaneKind; pillar: Pillar | null }[] = [
		...pillars.map((pillar) => ({ key: pillar.key, kind: 'pillar' as const, pillar })),
		{ key: PARKING_LOT, kind: 'parking', pillar: null }
	];
	const groups = new Map<string, Card[]>(frames.map((frame) => [frame.key, []]));
	for (const card of cards) {
		const key = groups.has(card.pillar) ? card.pillar : UNPLACED;
		if (!groups.has(key)) groups.set(key, []);
		groups.get(key)!.push(card);
	}
	if (groups.has(UNPLACED)) frames.push({ key: UNPLACED, kind: 'unplaced', pillar: null });

	let height = LANE_MIN_HEIGHT;
	const widths = frames.map((frame) => {
		let right = 0;
		for (const card of groups.get(frame.key)!) {
			right = Math.max(right, card.x + card.width);
			height = Math.max(height, LANE_HEADER + card.y + card.height + LANE_FOOTER);
		}
		return Math.max(LANE_MIN_WIDTH, right + 2 * LANE_PADDING);
	});

	const lanes: LaneFrame[] = [];
	const boxes: CardBox[] = [];
	let x = 0;
	frames.forEach((frame, index) => {
		const laneCards = [...groups.get(frame.key)!].sort(readingOrder);
		const lane: LaneFrame = {
			...frame,
			x,
			y: 0,
			width: widths[index],
			height,
			contentX: x + LANE_PADDING,
			contentY: LANE_HEADER,
			cardIds: laneCards.map((card) => card.id)
		};
		lanes.push(lane);
		for (const card of laneCards) {
			boxes.push({
				id: card.id,
				lane: index,
				x: lane.contentX + card.x,
				y: lane.contentY + card.y,
				width: card.width,
				height: card.height
			});
		}
		x += lane.width + LANE_GAP;
	});
	return {
		lanes,
		cards: boxes,
		byId: new Map(boxes.map((box) => [box.id, box])),
		bounds: union(lanes) ?? { x: 0, y: 0, width: LANE_MIN_WIDTH, height: LANE_MIN_HEIGHT }
	};
}

/** What a lane is called on the board, in the outline and in menus. */
export function laneName(lane: Pick<LaneFrame, 'kind' | 'pillar'>): string {
	if (lane.pillar) return lane.pillar.label;
	return lane.kind === 'parking' ? 'Parking lot' : 'Cards without a pillar';
}

/** The line under a lane's name. */
export function laneMeaning(lane: Pick<LaneFrame, 'kind' | 'pillar'>): string {
	if (lane.pillar) return lane.pillar.meaning;
	return lane.kind === 'parking'
		? 'Off-topic ideas, kept for later. Drag a card here or press P.'
		: 'Their pillar was removed. Drag each into a lane.';
}

function readingOrder(a: Card, b: Card): number {
	return a.y - b.y || a.x - b.x || a.createdAt - b.createdAt || a.id.localeCompare(b.id);
}

/** The lane under a world point's x (a point in the gap between two lanes goes to the nearer). */
export function laneAt(layout: BoardLayout, point: Point): LaneFrame | null {
	let best: LaneFrame | null = null;
	let distance = Infinity;
	for (const lane of layout.lanes) {
		const d = Math.max(lane.x - point.x, point.x - (lane.x + lane.width), 0);
		if (d < distance) [best, distance] = [lane, d];
	}
	return best;
}

/** The topmost card under a world point, if any (later cards are drawn on top). */
export function cardAt(layout: BoardLayout, point: Point): CardBox | null {
	for (let i = layout.cards.length - 1; i >= 0; i--) {
		if (contains(layout.cards[i], point)) return layout.cards[i];
	}
	return null;
}

/** The cards that overlap a world rectangle (for rendering only what is near the viewport). */
export function cardsIn(layout: BoardLayout, rect: Rect): CardBox[] {
	return layout.cards.filter((box) => intersects(box, rect));
}

/**
 * Where a card dropped with its top-left at `topLeft` (world) lands: the lane under its centre
 * (a pillar's lane or the parking lot; cards are never dropped into the unplaced frame), at a
 * position inside that lane's content area.
 */
export function dropPlacement(
	layout: BoardLayout,
	topLeft: Point,
	size: { width: number; height: number }
): { pillar: string; x: number; y: number } | null {
	const lane = laneAt(
		{ ...layout, lanes: layout.lanes.filter((each) => each.kind !== 'unplaced') },
		{ x: topLeft.x + size.width / 2, y: topLeft.y }
	);
	if (!lane) return null;
	return {
		pillar: lane.key,
		x: Math.max(0, Math.round(topLeft.x - lane.contentX)),
		y: Math.max(0, Math.round(topLeft.y - lane.contentY))
	};
}
