/**
 * Carrying a workshop's parking lot into a later workshop of the same place: the parked cards
 * not yet carried are copied into the later board's parking lot and marked as carried in the
 * earlier one, so each is carried once. Only a facilitator of both workshops may do it, and only
 * forward in time (ideas parked in one session are picked up in a later one).
 */
import { listPartners } from '../board/board-doc.ts';
import type { Card } from '../board/cards.ts';
import {
	addCarriedCards,
	cardsToCarry,
	markCarried,
	matchPartners,
	type CarryWorkshop
} from '../board/parking.ts';
import { recordAudit, type Actor } from './audit.ts';
import { editBoard, readBoard } from './board-edit.ts';
import type { BoardStore } from './board-store.ts';
import type { Db } from './db/index.ts';
import type { Workshop } from './db/schema.ts';
import { currentBoardState } from './live-boards.ts';
import { getRole } from './members.ts';
import { getWorkshop, listWorkshopsOf } from './workshops.ts';

/** Another workshop of the same place that cards can be carried from or to. */
export interface CarryOption {
	workshopId: string;
	title: string;
	createdAt: number;
	/** `from`: an earlier workshop whose parked cards can be brought in; `to`: a later one. */
	direction: 'from' | 'to';
	/** How many parked cards the carry would copy now. */
	cards: number;
}

export type CarryResult =
	{ ok: true; carried: number } | { ok: false; status: number; message: string };

/** Whether two workshops are for the same place (as typed, ignoring case and outer spaces). */
export function samePlace(a: Pick<Workshop, 'place'>, b: Pick<Workshop, 'place'>): boolean {
	return a.place.trim().toLocaleLowerCase('en-GB') === b.place.trim().toLocaleLowerCase('en-GB');
}

function parkedCards(store: BoardStore, workshopId: string): Card[] {
	return readBoard(currentBoardState(store, workshopId), cardsToCarry);
}

/** The workshops of the same place that `userId` also facilitates, oldest first. */
export function listCarryOptions(
	db: Db,
	store: BoardStore,
	workshop: Workshop,
	userId: string
): CarryOption[] {
	const others = listWorkshopsOf(db, userId).filter(
		(other) =>
			other.role === 'facilitator' && other.id !== workshop.id && samePlace(other, workshop)
	);
	if (others.length === 0) return [];
	const here = parkedCards(store, workshop.id).length;
	return others
		.map((other): CarryOption => {
			const earlier = other.createdAt < workshop.createdAt;
			return {
				workshopId: other.id,
				title: other.title,
				createdAt: other.createdAt,
				direction: earlier ? 'from' : 'to',
				cards: earlier ? parkedCards(store, other.id).length : here
			};
		})
		.sort((a, b) => a.createdAt - b.createdAt);
}

/** Carries the parked cards of workshop `fromId` into workshop `toId`. */
export function carryParkedCards(
	db: Db,
	store: BoardStore,
	input: { fromId: string; toId: string; actor: Actor & { id: string } }
): CarryResult {
	const { fromId, toId, actor } = input;
	const from = getWorkshop(db, fromId);
	const to = getWorkshop(db, toId);
	if (!from || !to)
		return { ok: false, status: 404, message: 'There is no workshop with this id.' };
	if (
		getRole(db, fromId, actor.id) !== 'facilitator' ||
		getRole(db, toId, actor.id) !== 'facilitator'
	) {
		return {
			ok: false,
			status: 403,
			message: 'Only a facilitator of both workshops may carry parked cards between them.'
		};
	}
	if (fromId === toId || !samePlace(from, to)) {
		return {
			ok: false,
			status: 400,
			message: 'Parked cards go only to another workshop of the same place.'
		};
	}
	if (from.createdAt > to.createdAt) {
		return { ok: false, status: 400, message: 'Parked cards are carried into a later workshop.' };
	}
	const source: CarryWorkshop = { workshopId: from.id, title: from.title };
	const target: CarryWorkshop = { workshopId: to.id, title: to.title };
	const { cards, partners } = readBoard(currentBoardState(store, fromId), (doc) => ({
		cards: cardsToCarry(doc),
		partners: listPartners(doc)
	}));
	if (cards.length === 0) {
		return {
			ok: false,
			status: 409,
			message: `"${from.title}" has no parked cards left to carry.`
		};
	}
	const now = Date.now();
	editBoard(store, toId, (doc) =>
		addCarriedCards(doc, cards, source, matchPartners(partners, listPartners(doc)), now)
	);
	editBoard(store, fromId, (doc) =>
		markCarried(
			doc,
			cards.map((card) => card.id),
			target,
			now
		)
	);
	const what = cards.length === 1 ? '1 parked card' : `${cards.length} parked cards`;
	recordAudit(db, {
		workshopId: fromId,
		actor,
		action: 'parking.carried',
		detail: `Carried ${what} to "${to.title}".`
	});
	recordAudit(db, {
		workshopId: toId,
		actor,
		action: 'parking.carried',
		detail: `Brought in ${what} from "${from.title}".`
	});
	return { ok: true, carried: cards.length };
}
