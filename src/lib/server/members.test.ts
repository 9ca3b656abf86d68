import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import { createDb, migrateDb, type Db } from './db/index.ts';
import { users } from './db/schema.ts';
import { COMMAND_LINE, listAudit } from './audit.ts';
import { getMembership, listMembers, removeMember, setMember } from './members.ts';
import { createWorkshop } from './workshops.ts';

const MIGRATIONS = fileURLToPath(new URL('../../../drizzle', import.meta.url));
let db: Db;
let workshopId: string;

function person(id: string, guestWorkshopId: string | null = null): string {
	db.insert(users)
		.values({
			id,
			email: guestWorkshopId ? null : `${id}@example.test`,
			name: id,
			passwordHash: guestWorkshopId ? null : 'x',
			guestWorkshopId,
			createdAt: 0
		})
		.run();
	return id;
}

beforeEach(() => {
	db = createDb(':memory:');
	migrateDb(db, MIGRATIONS);
	person('nia');
	workshopId = createWorkshop(db, { title: 'T', place: 'P', preset: 'cles', ownerId: 'nia' }).id;
});

describe('membership rules', () => {
	it('adds a member, changes their role and partner, and audits each change', () => {
		person('sam');
		const base = { workshopId, userId: 'sam', actor: COMMAND_LINE };
		expect(setMember(db, { ...base, role: 'partner', partnerId: 'p1' })).toEqual({
			ok: true,
			change: 'added'
		});
		expect(setMember(db, { ...base, role: 'observer' })).toEqual({
			ok: true,
			change: 'role-changed'
		});
		expect(getMembership(db, workshopId, 'sam')).toEqual({ role: 'observer', partnerId: 'p1' });
		expect(setMember(db, { ...base, role: 'observer', partnerId: 'p2' })).toEqual({
			ok: true,
			change: 'partner-changed'
		});
		expect(setMember(db, { ...base, role: 'observer' })).toEqual({ ok: true, change: 'unchanged' });
		expect(listAudit(db, workshopId).map((event) => event.action)).toEqual([
			'member.partner-changed',
			'member.role-changed',
			'member.joined',
			'workshop.created'
		]);
	});

	it('never leaves a workshop without a facilitator', () => {
		const demote = setMember(db, {
			workshopId,
			userId: 'nia',
			role: 'partner',
			actor: COMMAND_LINE
		});
		expect(demote).toEqual({
			ok: false,
			message: 'A workshop needs at least one facilitator: make someone else a facilitator first.'
		});
		expect(removeMember(db, { workshopId, userId: 'nia', actor: COMMAND_LINE }).ok).toBe(false);
		person('ada');
		setMember(db, { workshopId, userId: 'ada', role: 'facilitator', actor: COMMAND_LINE });
		expect(removeMember(db, { workshopId, userId: 'nia', actor: COMMAND_LINE })).toEqual({
			ok: true
		});
		expect(getMembership(db, workshopId, 'nia')).toBeNull();
	});

	it("removes a guest's account with their membership, and keeps an account's", () => {
		person('guest', workshopId);
		person('sam');
		setMember(db, { workshopId, userId: 'guest', role: 'partner', actor: COMMAND_LINE });
		setMember(db, { workshopId, userId: 'sam', role: 'partner', actor: COMMAND_LINE });
		expect(listMembers(db, workshopId).find((m) => m.userId === 'guest')?.isGuest).toBe(true);
		removeMember(db, { workshopId, userId: 'guest', actor: COMMAND_LINE });
		removeMember(db, { workshopId, userId: 'sam', actor: COMMAND_LINE });
		expect(
			db
				.select({ id: users.id })
				.from(users)
				.all()
				.map((u) => u.id)
				.sort()
		).toEqual(['nia', 'sam']);
	});
});
