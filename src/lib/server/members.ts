/**
 * Membership of workshops: who is in, with which role and partner organisation, and the rules
 * that hold whoever changes it (a page, the CLI): a workshop always keeps a facilitator, and
 * every change is recorded in the audit log. Open board connections pick changes up within
 * seconds (server/sync/access.ts).
 */
import { and, eq, sql } from 'drizzle-orm';
import { inIdList } from './db/in-list.ts';
import { WRITE_TRANSACTION, type Db } from './db/index.ts';
import { memberships, users, type Membership, type Role } from './db/schema.ts';
import { recordAudit, type Actor } from './audit.ts';

export type MemberChange =
	| { ok: true; change: 'added' | 'role-changed' | 'partner-changed' | 'unchanged' }
	| { ok: false; message: string };

const LAST_FACILITATOR =
	'A workshop needs at least one facilitator: make someone else a facilitator first.';

/** Roles that may change the board. */
export function canEdit(role: Role): boolean {
	return role === 'facilitator' || role === 'partner';
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

function facilitatorCount(db: Db, workshopId: string): number {
	const row = db
		.select({ n: sql<number>`count(*)` })
		.from(memberships)
		.where(and(eq(memberships.workshopId, workshopId), eq(memberships.role, 'facilitator')))
		.get();
	return row?.n ?? 0;
}

function nameOf(db: Db, userId: string): string {
	return (
		db.select({ name: users.name }).from(users).where(eq(users.id, userId)).get()?.name ?? 'Someone'
	);
}

/**
 * Adds a member, or changes an existing member's role. `partnerId` links the member to a partner
 * organisation on the board; leave it undefined to keep an existing member's link. Refuses to
 * demote the last facilitator.
 */
export function setMember(
	db: Db,
	input: { workshopId: string; userId: string; role: Role; partnerId?: string | null; actor: Actor }
): MemberChange {
	const { workshopId, userId, role, partnerId, actor } = input;
	return db.transaction((tx) => {
		const db = tx as unknown as Db;
		const previous = getMembership(db, workshopId, userId);
		const name = nameOf(db, userId);
		if (!previous) {
			db.insert(memberships)
				.values({ workshopId, userId, role, partnerId: partnerId ?? null, createdAt: Date.now() })
				.run();
			recordAudit(db, {
				workshopId,
				actor,
				action: 'member.joined',
				detail: `${name} joined as ${role}.`
			});
			return { ok: true, change: 'added' };
		}
		if (
			previous.role === 'facilitator' &&
			role !== 'facilitator' &&
			facilitatorCount(db, workshopId) <= 1
		) {
			return { ok: false, message: LAST_FACILITATOR };
		}
		const newPartner = partnerId === undefined ? previous.partnerId : partnerId;
		if (previous.role === role && previous.partnerId === newPartner) {
			return { ok: true, change: 'unchanged' };
		}
		db.update(memberships)
			.set({ role, partnerId: newPartner })
			.where(and(eq(memberships.workshopId, workshopId), eq(memberships.userId, userId)))
			.run();
		if (previous.role !== role) {
			recordAudit(db, {
				workshopId,
				actor,
				action: 'member.role-changed',
				detail: `Changed ${name} from ${previous.role} to ${role}.`
			});
			return { ok: true, change: 'role-changed' };
		}
		recordAudit(db, {
			workshopId,
			actor,
			action: 'member.partner-changed',
			detail: newPartner
				? `Changed the partner organisation ${name} speaks for.`
				: `${name} no longer speaks for a partner organisation.`
		});
		return { ok: true, change: 'partner-changed' };
	}, WRITE_TRANSACTION);
}

/**
 * Removes a member (a guest's account goes too: it exists only for this workshop). Refuses to
 * remove the last facilitator.
 */
export function removeMember(
	db: Db,
	input: { workshopId: string; userId: string; actor: Actor }
): { ok: true } | { ok: false; message: string } {
	const { workshopId, userId, actor } = input;
	return db.transaction((tx) => {
		const db = tx as unknown as Db;
		const previous = getMembership(db, workshopId, userId);
		if (!previous) return { ok: false, message: 'That person is not a member of this workshop.' };
		if (previous.role === 'facilitator' && facilitatorCount(db, workshopId) <= 1) {
			return { ok: false, message: LAST_FACILITATOR };
		}
		const name = nameOf(db, userId);
		db.delete(memberships)
			.where(and(eq(memberships.workshopId, workshopId), eq(memberships.userId, userId)))
			.run();
		db.delete(users)
			.where(and(eq(users.id, userId), eq(users.guestWorkshopId, workshopId)))
			.run();
		recordAudit(db, {
			workshopId,
			actor,
			action: 'member.removed',
			detail: `Removed ${name} (${previous.role}).`
		});
		return { ok: true };
	}, WRITE_TRANSACTION);
}

/** A member as the members page lists them. */
export interface MemberRow {
	userId: string;
	name: string;
	/** Null for guests. */
	email: string | null;
	isGuest: boolean;
	role: Role;
	partnerId: string | null;
	/** When their last board connection closed; null if never connected. */
	lastSeenAt: number | null;
	/** Whether they have a board connection open now. */
	online: boolean;
}

/** Members of a workshop, facilitators first, then by name. */
export function listMembers(db: Db, workshopId: string): MemberRow[] {
	const rows = db
		.select({
			userId: users.id,
			name: users.name,
			email: users.email,
			guestWorkshopId: users.guestWorkshopId,
			role: memberships.role,
			partnerId: memberships.partnerId,
			lastSeenAt: memberships.lastSeenAt,
			openConnections: memberships.openConnections
		})
		.from(memberships)
		.innerJoin(users, eq(memberships.userId, users.id))
		.where(eq(memberships.workshopId, workshopId))
		.all();
	const order: Record<Role, number> = { facilitator: 0, partner: 1, observer: 2 };
	return rows
		.map(({ guestWorkshopId, openConnections, ...row }) => ({
			...row,
			isGuest: guestWorkshopId !== null,
			online: openConnections > 0
		}))
		.sort((a, b) => order[a.role] - order[b.role] || a.name.localeCompare(b.name));
}

/**
 * Every membership of the given workshops, keyed by memberKey. Looked up by workshop alone (one
 * index range each): adding "and one of these users" made SQLite probe every workshop × user pair
 * — 210,000 probes, some 60 ms, for 100 open boards with 2,000 people on them.
 */
export function membershipsIn(
	db: Db,
	workshopIds: string[]
): Map<string, Pick<Membership, 'role' | 'partnerId'>> {
	if (workshopIds.length === 0) return new Map();
	const rows = db
		.select({
			workshopId: memberships.workshopId,
			userId: memberships.userId,
			role: memberships.role,
			partnerId: memberships.partnerId
		})
		.from(memberships)
		.where(inIdList(memberships.workshopId, workshopIds))
		.all();
	return new Map(
		rows.map(({ workshopId, userId, role, partnerId }) => [
			memberKey(workshopId, userId),
			{ role, partnerId }
		])
	);
}

/** The key of one membership in membershipsIn's answer. */
export function memberKey(workshopId: string, userId: string): string {
	return `${workshopId} ${userId}`;
}

/** Counts a board connection opening (+1) or closing (-1), for "online now" and "last seen". */
export function trackConnection(db: Db, workshopId: string, userId: string, delta: 1 | -1): void {
	db.update(memberships)
		.set({
			openConnections: sql`max(0, ${memberships.openConnections} + ${delta})`,
			lastSeenAt: Date.now()
		})
		.where(and(eq(memberships.workshopId, workshopId), eq(memberships.userId, userId)))
		.run();
}

/** Forgets connection counts left by a previous run of the server (after a crash, say). */
export function resetConnectionCounts(db: Db): void {
	db.update(memberships).set({ openConnections: 0 }).run();
}
