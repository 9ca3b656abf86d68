/**
 * Invite links: a random token in the link, only its SHA-256 stored (as the invite's id). A link
 * carries a role, an optional partner organisation, an expiry and an optional number of uses.
 * Facilitators create, list and revoke links here; `inspectInvite` says where a link leads and
 * whether it still works. Joining a workshop through one is in `invite-redemption.ts`.
 */
import { and, desc, eq } from 'drizzle-orm';
import { WRITE_TRANSACTION, type Db } from './db/index.ts';
import { invites, users, type Invite, type Role, type Workshop } from './db/schema.ts';
import { recordAudit, type Actor } from './audit.ts';
import { generateToken, hashToken } from './auth/session.ts';
import { formatDay } from './uk-time.ts';
import { getWorkshop } from './workshops.ts';

/** What opening a link would do: join, or one of the reasons it no longer works. */
export type InviteState = 'valid' | 'expired' | 'used-up' | 'revoked' | 'unknown';

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
