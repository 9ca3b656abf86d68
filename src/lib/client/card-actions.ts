/**
 * What a card needs to become an action: the live board document and the workshop, handed down
 * through context by whichever board view is showing the cards, so the card's promote control
 * can be slotted into any card component without threading props through the lanes.
 */
import { getContext, setContext } from 'svelte';
import type * as Y from 'yjs';

export interface CardActions {
	doc: Y.Doc;
	workshopId: string;
}

const KEY = Symbol('card-actions');

/** Call in the board view's initialisation. */
export function setCardActions(value: CardActions): void {
	setContext(KEY, value);
}

/** The board's document and workshop, or undefined outside a board view. */
export function getCardActions(): CardActions | undefined {
	return getContext<CardActions | undefined>(KEY);
}
