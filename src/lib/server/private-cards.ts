/**
 * Private cards kept for their authors while private brainstorming is on (DESIGN §3: enforced,
 * so stored here rather than in the board document). Each function checks who is asking against
 * the board as it is now — private mode, the lanes, the facilitator's locks — and answers with
 * the card or with a status and a sentence. Only the author ever reads a card's content; the
 * facilitator learns how many there are (countPrivateCards) until revealing them (private-reveal).
 */
import { and, count, countDistinct, eq } from 'drizzle-orm';
import { listPillars } from '../board/board-doc.ts';
import { cardRecord } from '../board/cards.ts';
import { isPrivateMode, lockProblem, readLocks } from '../board/facilitation.ts';
import {
	MAX_PRIVATE_CARDS_PER_PERSON,
	isCardId,
	type PrivateCard,
	type PrivateCardFields
} from '../board/private-cards.ts';
import { readBoard } from './board-replicas.ts';
import type { BoardStore } from './board-store.ts';
import { WRITE_TRANSACTION, type Db } from './db/index.ts';
import { privateCards, type PrivateCardRow, type Role } from './db/schema.ts';

/** Who is asking: a member of the workshop. */
export interface Member {
	userId: string;
	role: Role;
	partnerId: string | null;
}

/** A card, or why not: an HTTP status and a sentence a person understands. */
export type PrivateCardResult =
	| { ok: true; card: PrivateCard }
	| { ok: false; status: 400 | 403 | 404 | 409 | 423; message: string };

const NOT_YOURS = 'There is no private card of yours with this id: it may have been revealed.';

function fail(status: 400 | 403 | 404 | 409 | 423, message: string): PrivateCardResult {
	return { ok: false, status, message };
}

/** A row as its author sees it. */
export function toPrivateCard(row: PrivateCardRow): PrivateCard {
	const { id, pillar, x, y, width, height, colour, text, createdAt } = row;
	return { id, pillar, x, y, width, height, colour, text, createdAt };
}

/** What the board says now, as far as private cards are concerned. */
interface BoardFacts {
	privateMode: boolean;
	/** Lane labels by pillar key. */
	lanes: Map<string, string>;
	/** Why a partner may not change a card in this lane now, or null. */
	lockIn(pillar: string): string | null;
	/** Whether the card asked about (if any) is on the board already. */
	cardOnBoard: boolean;
}

function readBoardFacts(store: BoardStore, workshopId: string, cardId?: string): BoardFacts {
	return readBoard(store, workshopId, (doc) => {
		const lanes = new Map(listPillars(doc).map((pillar) => [pillar.key, pillar.label]));
		const locks = readLocks(doc);
		return {
			privateMode: isPrivateMode(doc),
			lanes,
			lockIn: (pillar) => lockProblem(locks, pillar, lanes.get(pillar) ?? pillar),
			cardOnBoard: cardId !== undefined && cardRecord(doc, cardId) !== null
		};
	});
}

/**
 * Why this member may not put a card into lane `into` or change one in lane `from` now: observers
 * write nothing, a card goes only in a lane on the board, and locks bind partners.
 */
function refusal(
	member: Member,
	facts: BoardFacts,
	lanes: { into?: string; from?: string }
): PrivateCardResult | null {
	if (member.role === 'observer') {
		return fail(403, 'Observers watch the board: they cannot write cards.');
	}
	if (lanes.into !== undefined && !facts.lanes.has(lanes.into)) {
		return fail(400, 'There is no such lane on the board.');
	}
	if (member.role !== 'partner') return null;
	for (const pillar of [lanes.from, lanes.into]) {
		const locked = pillar === undefined ? null : facts.lockIn(pillar);
		if (locked) return fail(423, locked);
	}
	return null;
}

function ownRow(db: Db, workshopId: string, member: Member, id: string): PrivateCardRow | null {
	if (!isCardId(id)) return null;
	const row = db
		.select()
		.from(privateCards)
		.where(
			and(
				eq(privateCards.id, id),
				eq(privateCards.workshopId, workshopId),
				eq(privateCards.authorId, member.userId)
			)
		)
		.get();
	return row ?? null;
}

/** The member's own private cards in a workshop, oldest first. */
export function listOwnPrivateCards(db: Db, workshopId: string, userId: string): PrivateCard[] {
	return db
		.select()
		.from(privateCards)
		.where(and(eq(privateCards.workshopId, workshopId), eq(privateCards.authorId, userId)))
		.orderBy(privateCards.createdAt, privateCards.id)
		.all()
		.map(toPrivateCard);
}

/** How many private cards are waiting to be revealed, and from how many people. */
export function countPrivateCards(db: Db, workshopId: string): { cards: number; authors: number } {
	const row = db
		.select({ cards: count(), authors: countDistinct(privateCards.authorId) })
		.from(privateCards)
		.where(eq(privateCards.workshopId, workshopId))
		.get();
	return { cards: row?.cards ?? 0, authors: row?.authors ?? 0 };
}

/**
 * Keeps a new private card for its author, under the id their browser made. Sending the same
 * card again (a retry) answers with the card as kept.
 */
export function createPrivateCard(
	db: Db,
	store: BoardStore,
	input: { workshopId: string; member: Member; id: unknown; fields: PrivateCardFields },
	now = Date.now()
): PrivateCardResult {
	const { workshopId, member, id, fields } = input;
	if (!isCardId(id)) return fail(400, 'A card id is 32 lower-case hexadecimal characters.');
	const facts = readBoardFacts(store, workshopId, id);
	const refused = refusal(member, facts, { into: fields.pillar });
	if (refused) return refused;
	return db.transaction((tx) => {
		const txDb = tx as unknown as Db;
		const existing = txDb.select().from(privateCards).where(eq(privateCards.id, id)).get();
		if (existing) {
			const mine = existing.workshopId === workshopId && existing.authorId === member.userId;
			return mine
				? { ok: true, card: toPrivateCard(existing) }
				: fail(409, 'That card id is taken: make the card again.');
		}
		if (facts.cardOnBoard) return fail(409, 'That card id is taken: make the card again.');
		if (!facts.privateMode) {
			return fail(409, 'Private brainstorming is off now: your card goes on the board for all.');
		}
		const own = txDb
			.select({ n: count() })
			.from(privateCards)
			.where(and(eq(privateCards.workshopId, workshopId), eq(privateCards.authorId, member.userId)))
			.get();
		if ((own?.n ?? 0) >= MAX_PRIVATE_CARDS_PER_PERSON) {
			return fail(
				403,
				`You have ${MAX_PRIVATE_CARDS_PER_PERSON} private cards waiting, the most one person may: ask the facilitator to reveal them.`
			);
		}
		const row: PrivateCardRow = {
			...fields,
			id,
			workshopId,
			authorId: member.userId,
			partnerId: member.partnerId,
			createdAt: now,
			updatedAt: now
		};
		txDb.insert(privateCards).values(row).run();
		return { ok: true, card: toPrivateCard(row) };
	}, WRITE_TRANSACTION);
}

/** Changes some fields of the author's own private card (its text, place, size or colour). */
export function updatePrivateCard(
	db: Db,
	store: BoardStore,
	input: { workshopId: string; member: Member; id: string; fields: Partial<PrivateCardFields> },
	now = Date.now()
): PrivateCardResult {
	const { workshopId, member, id, fields } = input;
	const row = ownRow(db, workshopId, member, id);
	if (!row) return fail(404, NOT_YOURS);
	const facts = readBoardFacts(store, workshopId);
	const moving = fields.pillar !== undefined && fields.pillar !== row.pillar;
	const refused = refusal(member, facts, {
		from: row.pillar,
		into: moving ? fields.pillar : undefined
	});
	if (refused) return refused;
	const next = { ...row, ...fields, updatedAt: now };
	db.update(privateCards)
		.set({ ...fields, updatedAt: now })
		.where(eq(privateCards.id, id))
		.run();
	return { ok: true, card: toPrivateCard(next) };
}

/** Deletes the author's own private card. */
export function deletePrivateCard(
	db: Db,
	store: BoardStore,
	input: { workshopId: string; member: Member; id: string }
): PrivateCardResult {
	const { workshopId, member, id } = input;
	const row = ownRow(db, workshopId, member, id);
	if (!row) return fail(404, NOT_YOURS);
	const refused = refusal(member, readBoardFacts(store, workshopId), { from: row.pillar });
	if (refused) return refused;
	db.delete(privateCards).where(eq(privateCards.id, id)).run();
	return { ok: true, card: toPrivateCard(row) };
}
