/** The per-workshop audit log: who changed access, invites, exports and versions, and when. */
import { desc, eq } from 'drizzle-orm';
import type { Db } from './db/index.ts';
import { auditEvents, type AuditAction, type AuditEvent } from './db/schema.ts';

/** Who did something: an account, or the command line (no account). */
export interface Actor {
	id: string | null;
	name: string;
}

/** The actor of changes made with the `pillarboard` CLI. */
export const COMMAND_LINE: Actor = { id: null, name: 'Command line' };

/** Records one event; `detail` is a sentence a facilitator reads as it is. */
export function recordAudit(
	db: Db,
	event: { workshopId: string; actor: Actor; action: AuditAction; detail: string },
	now = Date.now()
): void {
	db.insert(auditEvents)
		.values({
			workshopId: event.workshopId,
			actorId: event.actor.id,
			actorName: event.actor.name,
			action: event.action,
			detail: event.detail,
			createdAt: now
		})
		.run();
}

/** A workshop's events, newest first. */
export function listAudit(db: Db, workshopId: string, limit = 500): AuditEvent[] {
	return db
		.select()
		.from(auditEvents)
		.where(eq(auditEvents.workshopId, workshopId))
		.orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
		.limit(limit)
		.all();
}
