/**
 * The facilitator's "Reveal private cards": in one step on the server, every private card of the
 * workshop goes on the board as its author's card (board/private-reveal.ts) and private mode
 * ends; only once the board holds them are their rows deleted, so a failure loses nothing.
 */
import { eq } from 'drizzle-orm';
import { revealPrivateCards, type CardToReveal } from '../board/private-reveal.ts';
import type { BoardStore } from './board-store.ts';
import { inIdList } from './db/in-list.ts';
import type { Db } from './db/index.ts';
import { privateCards, users } from './db/schema.ts';
import { editBoard } from './board-edit.ts';

/** Every private card of a workshop, with its author's name as it is now. */
function cardsToReveal(db: Db, workshopId: string): CardToReveal[] {
	return db
		.select({
			id: privateCards.id,
			pillar: privateCards.pillar,
			x: privateCards.x,
			y: privateCards.y,
			width: privateCards.width,
			height: privateCards.height,
			colour: privateCards.colour,
			text: privateCards.text,
			createdAt: privateCards.createdAt,
			authorId: privateCards.authorId,
			authorName: users.name,
			partnerId: privateCards.partnerId
		})
		.from(privateCards)
		.innerJoin(users, eq(users.id, privateCards.authorId))
		.where(eq(privateCards.workshopId, workshopId))
		.all();
}

/**
 * Reveals a workshop's private cards and turns private mode off; returns how many cards went on
 * the board and their ids (so that a client can wait for them to arrive before voting on them). Synchronous from reading the rows to deleting them, so no card written meanwhile
 * can be deleted without being revealed.
 */
export function revealWorkshopPrivateCards(
	db: Db,
	store: BoardStore,
	workshopId: string
): { revealed: number; ids: string[] } {
	const cards = cardsToReveal(db, workshopId);
	const added = editBoard(store, workshopId, (doc) => revealPrivateCards(doc, cards));
	if (cards.length > 0) {
		db.delete(privateCards)
			.where(
				inIdList(
					privateCards.id,
					cards.map((card) => card.id)
				)
			)
			.run();
	}
	return { revealed: added.length, ids: added };
}
