/**
 * Joining a workshop through an invite link: with a signed-in account, or as a guest with just a
 * name. Each join takes one use of the link with a single conditional UPDATE, so two people racing
 * for the last use of a link cannot both get in.
 */
import { and, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import { WRITE_TRANSACTION, type Db } from './db/index.ts';
import { invites, users, type Invite } from './db/schema.ts';
import { inspectInvite, refusalMessage, type InviteState } from './invites.ts';
import { getMembership, setMember } from './members.ts';
import { MAX_NAME_LENGTH } from './users.ts';
import { newId } from '../board/board-doc.ts';

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
