/**
 * Promoting a card to an action: the idea becomes a commitment in the plan. The link runs both
 * ways (the action's `cardId`, the card's `actionId`), so the card shows it is now an action and
 * the plan shows where the action came from.
 */
import * as Y from 'yjs';
import { ROOT, optStr, rootMap } from './board-doc.ts';
import { actionRecord, addAction } from './actions.ts';
import { getCard } from './cards.ts';
import { isParked } from './parking.ts';

/** Longest title taken from a card; the rest of a long card becomes the description. */
export const MAX_PROMOTED_TITLE = 120;

/** A card's words split into a title (its first line or sentence) and the rest. */
export function titleFromCardText(text: string): { title: string; description: string } {
	const clean = text.trim();
	const firstLine = clean.split('\n')[0].trim();
	if (firstLine.length <= MAX_PROMOTED_TITLE && firstLine === clean) {
		return { title: firstLine, description: '' };
	}
	if (firstLine.length <= MAX_PROMOTED_TITLE) return { title: firstLine, description: clean };
	const cut = firstLine.lastIndexOf(' ', MAX_PROMOTED_TITLE);
	return {
		title: `${firstLine.slice(0, cut > 0 ? cut : MAX_PROMOTED_TITLE)}…`,
		description: clean
	};
}

/**
 * Makes an action from a card, in the card's pillar, and links the two; returns the action's id.
 * A card that is already an action returns that action (nothing is written); null if the card is
 * gone, or parked (an off-topic card has no pillar to commit to until it is back in a lane). The
 * author's partner organisation is proposed as lead (awaiting its acceptance).
 */
export function promoteCard(doc: Y.Doc, cardId: string): string | null {
	const card = getCard(doc, cardId);
	if (!card) return null;
	if (card.actionId && actionRecord(doc, card.actionId)) return card.actionId;
	if (isParked(card)) return null;
	let actionId = '';
	doc.transact(() => {
		actionId = addAction(doc, {
			pillar: card.pillar,
			...titleFromCardText(card.text),
			lead: card.partnerId,
			cardId
		});
		const record = rootMap(doc, ROOT.cards).get(cardId);
		if (record instanceof Y.Map) record.set('actionId', actionId);
	});
	return actionId;
}

/** The action a card was promoted to, if that action still exists. */
export function actionOfCard(doc: Y.Doc, cardId: string): string | null {
	const record = rootMap(doc, ROOT.cards).get(cardId);
	const actionId = record instanceof Y.Map ? optStr(record, 'actionId') : null;
	return actionId && actionRecord(doc, actionId) ? actionId : null;
}
