/** Workshops and who may do what in them. */
import { and, desc, eq } from 'drizzle-orm';
import * as Y from 'yjs';
import type { Db } from './db/index.ts';
import {
	memberships,
	workshops,
	users,
	type Membership,
	type Role,
	type Workshop
} from './db/schema.ts';
import { initBoard, newId } from '../board/board-doc.ts';
import { importPlan, type PlanFile } from '../board/plan-import.ts';
import type { PillarPresetId } from '../board/pillars.ts';
import { SqliteBoardStore } from './board-store-sqlite.ts';

export const MAX_TITLE_LENGTH = 160;

/** Roles that may change the board. */
export function canEdit(role: Role): boolean {
	return role === 'facilitator' || role === 'partner';
}

/**
 * Creates a workshop with `ownerId` as its facilitator, and its board document (the preset's
 * pillars, plus a plan file's partners and actions if given), all in one transaction.
 */
export function createWorkshop(
	db: Db,
	input: {
		title: string;
		place: string;
		preset: PillarPresetId;
		ownerId: string;
		plan?: PlanFile;
	}
): Workshop {
	const workshop: Workshop = {
		id: newId(),
		title: input.title.trim(),
		place: input.place.trim(),
		pillarPreset: input.preset,
		createdBy: input.ownerId,
		createdAt: Date.now()
	};
	const doc = new Y.Doc();
	initBoard(doc, { title: workshop.title, place: workshop.place, preset: input.preset });
	if (input.plan) importPlan(doc, input.plan);
	const state = Y.encodeStateAsUpdate(doc);
	doc.destroy();
	db.transaction((tx) => {
		tx.insert(workshops).values(workshop).run();
		tx.insert(memberships)
			.values({
				workshopId: workshop.id,
				userId: input.ownerId,
				role: 'facilitator',
				createdAt: workshop.createdAt
			})
			.run();
		new SqliteBoardStore(tx as unknown as Db).compact(workshop.id, state, 0);
	});
	return workshop;
}

/** A workshop by id, or undefined. */
export function getWorkshop(db: Db, workshopId: string): Workshop | undefined {
	return db.select().from(workshops).where(eq(workshops.id, workshopId)).get();
}

/** A user's membership of a workshop (role and partner organisation), or null if none. */
export function getMembership(
	db: Db,
	workshopId: string,
	userId: string
): Pick<Membership, 'role' | 'partnerId'> | null {
	const row = db
		.select({ role: memberships.role, partnerId: memberships.partnerId })
		.from(memberships)
		.where(and(eq(memberships.workshopId, workshopId), eq(memberships.userId, userId)))
		.get();
	return row ?? null;
}

/** A user's role in a workshop, or null when they are not a member. */
export function getRole(db: Db, workshopId: string, userId: string): Role | null {
	return getMembership(db, workshopId, userId)?.role ?? null;
}

/**
 * Adds a member, or changes the role of an existing one. `partnerId` links the member to a
 * partner organisation on the board; leave it undefined to keep an existing member's link.
 */
export function setMember(
	db: Db,
	workshopId: string,
	userId: string,
	role: Role,
	partnerId?: string | null
): void {
	db.insert(memberships)
		.values({ workshopId, userId, role, partnerId: partnerId ?? null, createdAt: Date.now() })
		.onConflictDoUpdate({
			target: [memberships.workshopId, memberships.userId],
			set: partnerId === undefined ? { role } : { role, partnerId }
		})
		.run();
}

/** The workshops a user belongs to, newest first, with their role in each. */
export function listWorkshopsOf(db: Db, userId: string): (Workshop & { role: Role })[] {
	return db
		.select({
			id: workshops.id,
			title: workshops.title,
			place: workshops.place,
			pillarPreset: workshops.pillarPreset,
			createdBy: workshops.createdBy,
			createdAt: workshops.createdAt,
			role: memberships.role
		})
		.from(memberships)
		.innerJoin(workshops, eq(memberships.workshopId, workshops.id))
		.where(eq(memberships.userId, userId))
		.orderBy(desc(workshops.createdAt))
		.all();
}

/** Members of a workshop with their names, for the people list. */
export function listMembers(db: Db, workshopId: string) {
	return db
		.select({
			userId: users.id,
			name: users.name,
			email: users.email,
			role: memberships.role,
			partnerId: memberships.partnerId
		})
		.from(memberships)
		.innerJoin(users, eq(memberships.userId, users.id))
		.where(eq(memberships.workshopId, workshopId))
		.all();
}
