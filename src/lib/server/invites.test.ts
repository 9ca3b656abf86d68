import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { createDb, migrateDb, type Db } from './db/index.ts';
import { invites, sessions, users } from './db/schema.ts';
import { listAudit } from './audit.ts';
import { hashToken } from './auth/session.ts';
import { getMembership, listMembers } from './members.ts';
import { createWorkshop } from './workshops.ts';
import { joinAsGuest, redeemInvite } from './invite-redemption.ts';
import { createInvite, inspectInvite, listInvites, revokeInvite } from './invites.ts';
import { formatDay } from './uk-time.ts';

const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../../drizzle', import.meta.url));
const DAY_IN_MS = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2026, 10, 1, 12);

let db: Db;
let workshopId: string;
const facilitator = { id: 'nia', name: 'Nia Okafor' };

function addUser(id: string, name: string): void {
	db.insert(users)
		.values({ id, email: `${id}@example.test`, name, passwordHash: 'unused', createdAt: NOW })
		.run();
}

/** An invite with sensible defaults: a partner link for a week, any number of uses. */
function invite(overrides: Partial<Parameters<typeof createInvite>[1]> = {}) {
	return createInvite(
		db,
		{
			workshopId,
			role: 'partner',
			partnerId: null,
			allowGuests: false,
			expiresAt: NOW + 7 * DAY_IN_MS,
			maxUses: null,
			label: '',
			actor: facilitator,
			...overrides
		},
		NOW
	);
}

/** The newest audit event of one kind (the workshop itself was created at the real time). */
function lastAudit(action: string) {
	return listAudit(db, workshopId).find((event) => event.action === action);
}

function usesOf(inviteId: string): number {
	return db.select().from(invites).where(eq(invites.id, inviteId)).get()!.uses;
}

beforeEach(() => {
	db = createDb(':memory:');
	migrateDb(db, MIGRATIONS_FOLDER);
	addUser(facilitator.id, facilitator.name);
	addUser('sam', 'Sam Reid');
	addUser('kai', 'Kai Osei');
	workshopId = createWorkshop(db, {
		title: 'Anchor network kick-off',
		place: 'Kestrelford & Vale',
		preset: 'cles',
		ownerId: facilitator.id
	}).id;
});

describe('createInvite', () => {
	it('stores only the hash of a token of at least 120 bits, never the token', () => {
		const { token, invite: created } = invite();
		// 32 base32 characters carry 160 bits.
		expect(token).toMatch(/^[a-z2-7]{32}$/);
		expect(created.id).toBe(hashToken(token));
		const stored = db.select().from(invites).all();
		expect(stored).toHaveLength(1);
		expect(JSON.stringify(stored)).not.toContain(token);
	});

	it('gives every link a different token', () => {
		expect(invite().token).not.toBe(invite().token);
	});

	it('records who created the link, for whom, until when and how many uses, in one sentence', () => {
		invite({
			partnerId: 'p-kbc',
			partnerCode: 'KBC',
			expiresAt: Date.UTC(2026, 10, 30, 12),
			maxUses: 20
		});
		expect(lastAudit('invite.created')).toMatchObject({
			action: 'invite.created',
			actorId: facilitator.id,
			actorName: 'Nia Okafor',
			detail: 'Created an invite link for partners of KBC, valid until 30 Nov 2026, 20 uses.'
		});
	});

	it('mentions the label, unlimited uses and guests in the audit sentence', () => {
		invite({ role: 'observer', label: 'Councillors', allowGuests: true });
		expect(lastAudit('invite.created')?.detail).toBe(
			'Created an invite link "Councillors" for observers, valid until 8 Nov 2026, any number of uses, guests welcome.'
		);
	});
});

describe('inspectInvite', () => {
	it('finds a valid link with its workshop and the name of whoever created it', () => {
		const { token } = invite();
		const inspected = inspectInvite(db, token, NOW);
		expect(inspected.state).toBe('valid');
		expect(inspected.workshop?.title).toBe('Anchor network kick-off');
		expect(inspected.createdByName).toBe('Nia Okafor');
	});

	it('says a link is expired from the moment it expires', () => {
		const { token, invite: created } = invite();
		expect(inspectInvite(db, token, created.expiresAt - 1).state).toBe('valid');
		expect(inspectInvite(db, token, created.expiresAt).state).toBe('expired');
	});

	it('says a link is used up once its uses are taken', () => {
		const { token } = invite({ maxUses: 1 });
		redeemInvite(db, token, 'sam', NOW);
		expect(inspectInvite(db, token, NOW).state).toBe('used-up');
	});

	it('says a link is revoked, even when it has also expired', () => {
		const { token, invite: created } = invite();
		revokeInvite(db, workshopId, created.id, facilitator, { now: NOW });
		expect(inspectInvite(db, token, NOW).state).toBe('revoked');
		expect(inspectInvite(db, token, created.expiresAt + DAY_IN_MS).state).toBe('revoked');
	});

	it('says a token that no link has is unknown, whatever it looks like', () => {
		invite();
		expect(inspectInvite(db, 'abcdefghijklmnopqrstuvwxyz234567', NOW)).toEqual({
			state: 'unknown'
		});
		expect(inspectInvite(db, '', NOW).state).toBe('unknown');
		expect(inspectInvite(db, 'x'.repeat(10_000), NOW).state).toBe('unknown');
	});

	it('looks the link up by the hash of its token, not by the stored id', () => {
		const { invite: created } = invite();
		expect(inspectInvite(db, created.id, NOW).state).toBe('unknown');
	});
});

describe('redeemInvite', () => {
	it("joins an account with the link's role and partner organisation and counts one use", () => {
		const { token, invite: created } = invite({ partnerId: 'p-kbc', role: 'partner' });
		const result = redeemInvite(db, token, 'sam', NOW);
		expect(result).toEqual({ ok: true, workshopId, userId: 'sam', joined: true });
		expect(getMembership(db, workshopId, 'sam')).toEqual({ role: 'partner', partnerId: 'p-kbc' });
		expect(usesOf(created.id)).toBe(1);
		expect(lastAudit('member.joined')).toMatchObject({
			action: 'member.joined',
			actorId: 'sam',
			detail: 'Sam Reid joined as partner.'
		});
	});

	it('refuses the second person on a one-use link', () => {
		const { token, invite: created } = invite({ maxUses: 1 });
		expect(redeemInvite(db, token, 'sam', NOW).ok).toBe(true);
		const second = redeemInvite(db, token, 'kai', NOW);
		expect(second).toMatchObject({ ok: false, state: 'used-up' });
		expect(second.ok === false && second.message).toBe(
			'This invite link to "Anchor network kick-off" has been used by as many people as it allows (1). Ask Nia Okafor, who created it, for a new link.'
		);
		expect(getMembership(db, workshopId, 'kai')).toBeNull();
		expect(usesOf(created.id)).toBe(1);
	});

	it('lets an existing member through with their role kept, using nothing', () => {
		const { token, invite: created } = invite({ role: 'observer', maxUses: 1 });
		const result = redeemInvite(db, token, facilitator.id, NOW);
		expect(result).toEqual({ ok: true, workshopId, userId: facilitator.id, joined: false });
		expect(getMembership(db, workshopId, facilitator.id)?.role).toBe('facilitator');
		expect(usesOf(created.id)).toBe(0);
	});

	it('refuses expired, revoked and unknown links, saying whom to ask', () => {
		const expired = invite({ expiresAt: NOW - 1 });
		expect(redeemInvite(db, expired.token, 'sam', NOW)).toEqual({
			ok: false,
			state: 'expired',
			message:
				'This invite link to "Anchor network kick-off" expired on 1 Nov 2026. Ask Nia Okafor, who created it, for a new link.'
		});
		const revoked = invite();
		revokeInvite(db, workshopId, revoked.invite.id, facilitator, { now: NOW });
		expect(redeemInvite(db, revoked.token, 'sam', NOW)).toMatchObject({
			ok: false,
			state: 'revoked'
		});
		const unknown = redeemInvite(db, 'not-a-link', 'sam', NOW);
		expect(unknown).toMatchObject({ ok: false, state: 'unknown' });
		expect(unknown.ok === false && unknown.message).toMatch(/Ask the facilitator who sent it/);
		expect(getMembership(db, workshopId, 'sam')).toBeNull();
	});

	it("says to ask the workshop's facilitator when the link's creator has no account any more", () => {
		addUser('gone', 'Gone Facilitator');
		const { token, invite: created } = invite({
			actor: { id: 'gone', name: 'Gone Facilitator' },
			maxUses: 1
		});
		revokeInvite(db, workshopId, created.id, facilitator, { now: NOW });
		db.delete(users).where(eq(users.id, 'gone')).run();
		expect(redeemInvite(db, token, 'sam', NOW)).toEqual({
			ok: false,
			state: 'revoked',
			message:
				'This invite link to "Anchor network kick-off" has been revoked by the workshop\'s facilitators. Ask the workshop\'s facilitator for a new link.'
		});
	});

	it('refuses a guest of another workshop: a guest visit is for one workshop only', () => {
		const other = createWorkshop(db, {
			title: 'Other',
			place: 'Elsewhere',
			preset: 'cles',
			ownerId: 'kai'
		});
		const guestLink = createInvite(
			db,
			{
				workshopId: other.id,
				role: 'partner',
				partnerId: null,
				allowGuests: true,
				expiresAt: NOW + DAY_IN_MS,
				maxUses: null,
				label: '',
				actor: { id: 'kai', name: 'Kai Osei' }
			},
			NOW
		);
		const guest = joinAsGuest(db, guestLink.token, 'Gus Guest', NOW);
		if (!guest.ok) throw new Error(guest.message);
		const { token } = invite();
		expect(redeemInvite(db, token, guest.userId, NOW)).toMatchObject({ ok: false });
		expect(getMembership(db, workshopId, guest.userId)).toBeNull();
	});
});

describe('joinAsGuest', () => {
	it('creates a guest scoped to the workshop, with no email or password, and counts one use', () => {
		const { token, invite: created } = invite({
			allowGuests: true,
			role: 'partner',
			partnerId: 'p-kbc'
		});
		const result = joinAsGuest(db, token, '  Gus Guest  ', NOW);
		if (!result.ok) throw new Error(result.message);
		const guest = db.select().from(users).where(eq(users.id, result.userId)).get();
		expect(guest).toMatchObject({
			name: 'Gus Guest',
			email: null,
			passwordHash: null,
			guestWorkshopId: workshopId
		});
		expect(getMembership(db, workshopId, result.userId)).toEqual({
			role: 'partner',
			partnerId: 'p-kbc'
		});
		expect(listMembers(db, workshopId).find((m) => m.userId === result.userId)?.isGuest).toBe(true);
		expect(usesOf(created.id)).toBe(1);
		// The session is the caller's job: joining creates none.
		expect(db.select().from(sessions).all()).toHaveLength(0);
	});

	it('refuses when the link does not allow guests', () => {
		const { token } = invite({ allowGuests: false });
		const result = joinAsGuest(db, token, 'Gus Guest', NOW);
		expect(result).toMatchObject({ ok: false, state: 'valid' });
		expect(result.ok === false && result.message).toMatch(/does not let people join as guests/);
		expect(db.select().from(users).where(eq(users.name, 'Gus Guest')).all()).toHaveLength(0);
	});

	it('refuses an empty or overlong name without using the link', () => {
		const { token, invite: created } = invite({ allowGuests: true });
		expect(joinAsGuest(db, token, '   ', NOW)).toMatchObject({ ok: false });
		expect(joinAsGuest(db, token, 'x'.repeat(121), NOW)).toMatchObject({ ok: false });
		expect(usesOf(created.id)).toBe(0);
	});

	it('refuses the second guest on a one-use link, creating no user for them', () => {
		const { token } = invite({ allowGuests: true, maxUses: 1 });
		expect(joinAsGuest(db, token, 'First Guest', NOW).ok).toBe(true);
		expect(joinAsGuest(db, token, 'Second Guest', NOW)).toMatchObject({
			ok: false,
			state: 'used-up'
		});
		expect(db.select().from(users).where(eq(users.name, 'Second Guest')).all()).toHaveLength(0);
	});

	it('refuses expired and revoked links', () => {
		const expired = invite({ allowGuests: true, expiresAt: NOW });
		expect(joinAsGuest(db, expired.token, 'Gus', NOW)).toMatchObject({ state: 'expired' });
		const revoked = invite({ allowGuests: true });
		revokeInvite(db, workshopId, revoked.invite.id, facilitator, { now: NOW });
		expect(joinAsGuest(db, revoked.token, 'Gus', NOW)).toMatchObject({ state: 'revoked' });
	});
});

describe('revokeInvite and listInvites', () => {
	it('lists links newest first, each with its state', () => {
		const older = invite({ label: 'older' });
		const newer = createInvite(
			db,
			{
				workshopId,
				role: 'observer',
				partnerId: null,
				allowGuests: false,
				expiresAt: NOW + DAY_IN_MS,
				maxUses: 1,
				label: 'newer',
				actor: facilitator
			},
			NOW + 1000
		);
		revokeInvite(db, workshopId, older.invite.id, facilitator, { now: NOW + 2000 });
		const listed = listInvites(db, workshopId, NOW + 3000);
		expect(listed.map((row) => [row.id, row.state])).toEqual([
			[newer.invite.id, 'valid'],
			[older.invite.id, 'revoked']
		]);
	});

	it('records the revocation and refuses to revoke twice or across workshops', () => {
		const { invite: created } = invite({ partnerId: 'p-kbc', maxUses: 5 });
		const codes = new Map([['p-kbc', 'KBC']]);
		expect(
			revokeInvite(db, workshopId, created.id, facilitator, { partnerCodes: codes, now: NOW })
		).toEqual({ ok: true });
		expect(lastAudit('invite.revoked')).toMatchObject({
			action: 'invite.revoked',
			detail: `Revoked the invite link for partners of KBC, valid until ${formatDay(created.expiresAt)}, 5 uses.`
		});
		expect(revokeInvite(db, workshopId, created.id, facilitator)).toMatchObject({ ok: false });
		expect(revokeInvite(db, 'another-workshop', created.id, facilitator)).toMatchObject({
			ok: false
		});
	});
});
