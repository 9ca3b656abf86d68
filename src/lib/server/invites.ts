/**
 * Invite links: a random token in the link, only its SHA-256 stored (as the invite's id). A link
 * carries a role, an optional partner organisation, an expiry and an optional number of uses;
 * opening it joins a workshop, with an account or, if the link allows, as a guest with just a
 * name. Uses are counted with one conditional UPDATE, so two people racing for the last use of a
 * link cannot both get in.
 */
import { and, desc, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from './db/index.ts';
import { invites, users, type Invite, type Role, type Workshop } from './db/schema.ts';
import { recordAudit, type Actor } from './audit.ts';
import { generateToken, hashToken } from './auth/session.ts';
import { getMembership, setMember } from './members.ts';
import { MAX_NAME_LENGTH } from './users.ts';
import { getWorkshop } from './workshops.ts';
import { newId } from '../board/board-doc.ts';

/** What opening a link would do: join, or one of the reasons it no longer works. */
export type InviteState = 'valid' | 'expired' | 'used-up' | 'revoked' | 'unknown';

/** Dates are shown in the time zone of the workshops we serve (UK councils). */
const TIME_ZONE = 'Europe/London';
const dayFormat = new Intl.DateTimeFormat('en-GB', {
	day: 'numeric',
	month: 'short',
	year: 'numeric',
	timeZone: TIME_ZONE
});

const momentFormat = new Intl.DateTimeFormat('en-GB', {
	day: 'numeric',
	month: 'short',
	year: 'numeric',
	hour: '2-digit',
	minute: '2-digit',
	timeZone: TIME_ZONE
});
const hourFormat = new Intl.DateTimeFormat('en-GB', {
	hour: 'numeric',
	hourCycle: 'h23',
	timeZone: TIME_ZONE
});
const HOUR_IN_MS = 60 * 60 * 1000;

/** A moment as a day, e.g. "30 Nov 2026". */
export function formatDay(ms: number): string {
	return dayFormat.format(new Date(ms));
}

/** A moment to the minute, e.g. "30 Nov 2026, 14:05". */
export function formatMoment(ms: number): string {
	return momentFormat.format(new Date(ms));
}

/** The last millisecond of a calendar day (`YYYY-MM-DD`) in the UK, or null for no such day. */
export function endOfDay(isoDate: string): number | null {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
	if (!match) return null;
	const [year, month, day] = match.slice(1).map(Number);
	const date = new Date(Date.UTC(year, month - 1, day));
	if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1) return null;
	const nextMidnightUtc = Date.UTC(year, month - 1, day + 1);
	// The UK clock is on UTC or one hour ahead of it: its midnight comes that much earlier.
	const ukHour = Number(hourFormat.format(new Date(nextMidnightUtc)));
	return nextMidnightUtc - ukHour * HOUR_IN_MS - 1;
}

/**
 * Transactions that read, then write, take the write lock up front: a deferred one would fail
 * with SQLITE_BUSY (without waiting) if another connection, such as the CLI, wrote in between.
 */
const WRITE_TRANSACTION = { behavior: 'immediate' } as const;

/** Tokens we make are 32 characters; anything much longer is not one of ours. */
const MAX_TOKEN_LENGTH = 100;

const ROLE_PLURALS: Record<Role, string> = {
	facilitator: 'facilitators',
	partner: 'partners',
	observer: 'observers'
};

/** "for partners of KBC, valid until 30 Nov 2026, 20 uses": who a link is for and its limits. */
function describeInvite(invite: Invite, partnerCode: string | null | undefined): string {
	const who = partnerCode
		? `${ROLE_PLURALS[invite.role]} of ${partnerCode}`
		: ROLE_PLURALS[invite.role];
	const uses =
		invite.maxUses === null
			? 'any number of uses'
			: `${invite.maxUses} use${invite.maxUses === 1 ? '' : 's'}`;
	const label = invite.label ? ` "${invite.label}"` : '';
	const guests = invite.allowGuests ? ', guests welcome' : '';
	return `invite link${label} for ${who}, valid until ${formatDay(invite.expiresAt)}, ${uses}${guests}`;
}

/** Whether an invite still works at `now`, or why not. */
export function inviteState(invite: Invite, now = Date.now()): Exclude<InviteState, 'unknown'> {
	if (invite.revokedAt !== null) return 'revoked';
	if (now >= invite.expiresAt) return 'expired';
	if (invite.maxUses !== null && invite.uses >= invite.maxUses) return 'used-up';
	return 'valid';
}

/**
 * Creates an invite link; returns the token (to put in the link, shown once) and the stored row.
 * `partnerCode` names the partner organisation in the audit sentence.
 */
export function createInvite(
	db: Db,
	input: {
		workshopId: string;
		role: Role;
		partnerId: string | null;
		partnerCode?: string | null;
		allowGuests: boolean;
		expiresAt: number;
		maxUses: number | null;
		label: string;
		actor: Actor;
	},
	now = Date.now()
): { token: string; invite: Invite } {
	const token = generateToken();
	const invite: Invite = {
		id: hashToken(token),
		workshopId: input.workshopId,
		role: input.role,
		partnerId: input.partnerId,
		allowGuests: input.allowGuests,
		expiresAt: input.expiresAt,
		maxUses: input.maxUses,
		uses: 0,
		revokedAt: null,
		createdBy: input.actor.id,
		createdAt: now,
		label: input.label.trim()
	};
	db.transaction((tx) => {
		tx.insert(invites).values(invite).run();
		recordAudit(
			tx as unknown as Db,
			{
				workshopId: input.workshopId,
				actor: input.actor,
				action: 'invite.created',
				detail: `Created an ${describeInvite(invite, input.partnerCode)}.`
			},
			now
		);
	});
	return { token, invite };
}

/** An invite as the facilitator's list shows it. */
export type InviteRow = Invite & { state: Exclude<InviteState, 'unknown'> };

/** A workshop's invite links, newest first, each with its state at `now`. */
export function listInvites(db: Db, workshopId: string, now = Date.now()): InviteRow[] {
	return db
		.select()
		.from(invites)
		.where(eq(invites.workshopId, workshopId))
		.orderBy(desc(invites.createdAt))
		.all()
		.map((invite) => ({ ...invite, state: inviteState(invite, now) }));
}

/**
 * Revokes a link of this workshop so that it stops working at once. `partnerCodes` (partner id
 * to code) names the link's partner organisation in the audit sentence.
 */
export function revokeInvite(
	db: Db,
	workshopId: string,
	inviteId: string,
	actor: Actor,
	options: { partnerCodes?: ReadonlyMap<string, string>; now?: number } = {}
): { ok: true } | { ok: false; message: string } {
	const now = options.now ?? Date.now();
	return db.transaction((tx) => {
		const invite = tx
			.select()
			.from(invites)
			.where(and(eq(invites.id, inviteId), eq(invites.workshopId, workshopId)))
			.get();
		if (!invite) {
			return { ok: false, message: 'That invite link does not belong to this workshop.' };
		}
		if (invite.revokedAt !== null) {
			return { ok: false, message: 'That invite link has already been revoked.' };
		}
		tx.update(invites).set({ revokedAt: now }).where(eq(invites.id, inviteId)).run();
		const partnerCode = invite.partnerId ? options.partnerCodes?.get(invite.partnerId) : null;
		recordAudit(
			tx as unknown as Db,
			{
				workshopId,
				actor,
				action: 'invite.revoked',
				detail: `Revoked the ${describeInvite(invite, partnerCode)}.`
			},
			now
		);
		return { ok: true };
	}, WRITE_TRANSACTION);
}

/** What a link leads to, for its landing page. */
export interface InspectedInvite {
	state: InviteState;
	/** Absent when the link is unknown. */
	invite?: Invite;
	workshop?: Workshop;
	/** Name of whoever created the link (null when their account is gone); whom to ask for a new one. */
	createdByName?: string | null;
}

/** Looks a link's token up: where it leads and whether it still works at `now`. */
export function inspectInvite(db: Db, token: string, now = Date.now()): InspectedInvite {
	if (token.length === 0 || token.length > MAX_TOKEN_LENGTH) return { state: 'unknown' };
	const row = db
		.select({ invite: invites, createdByName: users.name })
		.from(invites)
		.leftJoin(users, eq(invites.createdBy, users.id))
		.where(eq(invites.id, hashToken(token)))
		.get();
	const workshop = row && getWorkshop(db, row.invite.workshopId);
	if (!row || !workshop) return { state: 'unknown' };
	return {
		state: inviteState(row.invite, now),
		invite: row.invite,
		workshop,
		createdByName: row.createdByName
	};
}

/** Why a link does not let anyone in, as sentences: what happened and whom to ask. */
export function refusalMessage(
	inspected: InspectedInvite & { state: Exclude<InviteState, 'valid'> }
): string {
	const { state, invite, workshop, createdByName } = inspected;
	if (state === 'unknown' || !invite || !workshop) {
		return 'This invite link does not lead to any workshop: it may be mistyped or cut short. Ask the facilitator who sent it to you for a new one.';
	}
	const ask = createdByName
		? `Ask ${createdByName}, who created it, for a new link.`
		: "Ask the workshop's facilitator for a new link.";
	const link = `This invite link to "${workshop.title}"`;
	switch (state) {
		case 'expired':
			return `${link} expired on ${formatDay(invite.expiresAt)}. ${ask}`;
		case 'used-up':
			return `${link} has been used by as many people as it allows (${invite.maxUses}). ${ask}`;
		case 'revoked':
			return `${link} has been revoked by the workshop's facilitators. ${ask}`;
	}
}

export type RedeemResult =
	| { ok: true; workshopId: string; userId: string; joined: boolean }
	| { ok: false; state: InviteState; message: string };

/**
 * Counts one use of a valid link: a single conditional UPDATE, so that the last use can only be
 * taken once however many people race for it. False when the link no longer works.
 */
function consumeUse(db: Db, inviteId: string, now: number): boolean {
	const result = db
		.update(invites)
		.set({ uses: sql`${invites.uses} + 1` })
		.where(
			and(
				eq(invites.id, inviteId),
				isNull(invites.revokedAt),
				gt(invites.expiresAt, now),
				or(isNull(invites.maxUses), lt(invites.uses, invites.maxUses))
			)
		)
		.run();
	return result.changes === 1;
}

/** The refusal for a link that stopped working between looking it up and using it. */
function refusal(db: Db, token: string, now: number): RedeemResult {
	const inspected = inspectInvite(db, token, now);
	// Only a use taken by someone else in the meantime leaves a valid-looking link refusing.
	const state = inspected.state === 'valid' ? 'used-up' : inspected.state;
	return { ok: false, state, message: refusalMessage({ ...inspected, state }) };
}

/**
 * Joins a signed-in account to the link's workshop with the link's role and partner organisation,
 * using up one use. Someone who is already a member keeps their role and uses nothing.
 */
export function redeemInvite(
	db: Db,
	token: string,
	userId: string,
	now = Date.now()
): RedeemResult {
	return db.transaction((tx) => {
		const txDb = tx as unknown as Db;
		const { state, invite } = inspectInvite(txDb, token, now);
		if (!invite) return refusal(txDb, token, now);
		if (getMembership(txDb, invite.workshopId, userId)) {
			return { ok: true, workshopId: invite.workshopId, userId, joined: false };
		}
		if (state !== 'valid') return refusal(txDb, token, now);
		const user = txDb
			.select({ name: users.name, guestWorkshopId: users.guestWorkshopId })
			.from(users)
			.where(eq(users.id, userId))
			.get();
		if (!user) throw new Error(`redeemInvite: no user ${userId}.`);
		if (user.guestWorkshopId !== null) {
			return {
				ok: false,
				state: 'valid',
				message:
					'A guest visit is for one workshop only. Join this one as a guest or with an account.'
			};
		}
		if (!consumeUse(txDb, invite.id, now)) return refusal(txDb, token, now);
		join(txDb, invite, { id: userId, name: user.name });
		return { ok: true, workshopId: invite.workshopId, userId, joined: true };
	}, WRITE_TRANSACTION);
}

/** Adds the member; a failure here rolls the whole transaction (and the use) back. */
function join(db: Db, invite: Invite, user: { id: string; name: string }): void {
	const added = setMember(db, {
		workshopId: invite.workshopId,
		userId: user.id,
		role: invite.role,
		partnerId: invite.partnerId,
		actor: user
	});
	if (!added.ok) throw new Error(added.message);
}

/** Checks a guest's display name; null when it is fine. */
export function checkGuestName(name: string): string | null {
	const trimmed = name.trim();
	if (trimmed === '') return 'Enter your name, as the others in the workshop will see it.';
	if (trimmed.length > MAX_NAME_LENGTH) {
		return `Keep your name to ${MAX_NAME_LENGTH} characters or fewer.`;
	}
	return null;
}

/**
 * Joins someone with only a display name: creates a guest user scoped to the link's workshop
 * (no email, no password), a membership with the link's role and partner, and uses up one use.
 */
export function joinAsGuest(
	db: Db,
	token: string,
	displayName: string,
	now = Date.now()
): RedeemResult {
	const nameProblem = checkGuestName(displayName);
	return db.transaction((tx) => {
		const txDb = tx as unknown as Db;
		const { state, invite } = inspectInvite(txDb, token, now);
		if (!invite || state !== 'valid') return refusal(txDb, token, now);
		if (!invite.allowGuests) {
			return {
				ok: false,
				state,
				message:
					'This invite link does not let people join as guests. Create an account or sign in to join.'
			};
		}
		if (nameProblem) return { ok: false, state, message: nameProblem };
		if (!consumeUse(txDb, invite.id, now)) return refusal(txDb, token, now);
		const guest = { id: newId(), name: displayName.trim() };
		txDb
			.insert(users)
			.values({
				...guest,
				email: null,
				passwordHash: null,
				guestWorkshopId: invite.workshopId,
				createdAt: now
			})
			.run();
		join(txDb, invite, guest);
		return { ok: true, workshopId: invite.workshopId, userId: guest.id, joined: true };
	}, WRITE_TRANSACTION);
}
