/** Workshops and who may do what in them. */
import { desc, eq } from 'drizzle-orm';
import * as Y from 'yjs';
import type { Db } from './db/index.ts';
import { memberships, workshops, users, type Role, type Workshop } from './db/schema.ts';
import { initBoard, newId } from '../board/board-doc.ts';
import { initFacilitation } from '../board/facilitation.ts';
import { importPlan, type PlanFile } from '../board/plan-import.ts';
import type { PillarPresetId } from '../board/pillars.ts';
import { SqliteBoardStore } from './board-store-sqlite.ts';
import { recordAudit } from './audit.ts';

export const MAX_TITLE_LENGTH = 160;

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
	initFacilitation(doc);
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
		const owner = tx
			.select({ name: users.name })
			.from(users)
			.where(eq(users.id, input.ownerId))
			.get();
		recordAudit(tx as unknown as Db, {
			workshopId: workshop.id,
			actor: { id: input.ownerId, name: owner?.name ?? 'Someone' },
			action: 'workshop.created',
			detail: `Created the workshop "${workshop.title}" as its facilitator.`
		});
	});
	return workshop;
}

/** A workshop by id, or undefined. */
export function getWorkshop(db: Db, workshopId: string): Workshop | undefined {
	return db.select().from(workshops).where(eq(workshops.id, workshopId)).get();
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
