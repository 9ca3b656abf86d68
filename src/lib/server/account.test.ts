import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { createDb, migrateDb, type Db } from './db/index.ts';
import { apiTokens, sessions, users } from './db/schema.ts';
import {
	MAX_TOKEN_LABEL_LENGTH,
	changePassword,
	checkTokenLabel,
	listApiTokens,
	listSessions,
	renameUser,
	revokeApiToken,
	revokeSession
} from './account.ts';
import { createApiToken, validateApiToken } from './auth/api-token.ts';
import { hashPassword, verifyPassword } from './auth/password.ts';
import {
	DAY_IN_MS,
	SESSION_LIFETIME_MS,
	createSession,
	generateToken,
	hashToken
} from './auth/session.ts';
import { MAX_NAME_LENGTH } from './users.ts';

const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../../drizzle', import.meta.url));
const START = Date.UTC(2025, 0, 1);
const OLD_PASSWORD = 'correct horse battery staple';
const NEW_PASSWORD = 'a much longer new passphrase';

let db: Db;
/** Hashed once: argon2 is slow on purpose. */
const oldPasswordHash = hashPassword(OLD_PASSWORD);

async function addUser(id: string): Promise<void> {
	db.insert(users)
		.values({
			id,
			email: `${id}@example.org`,
			name: `User ${id}`,
			passwordHash: await oldPasswordHash,
			createdAt: START
		})
		.run();
}

function nameOf(id: string): string | undefined {
	return db.select({ name: users.name }).from(users).where(eq(users.id, id)).get()?.name;
}

function sessionIdsOf(userId: string): string[] {
	return db
		.select({ id: sessions.id })
		.from(sessions)
		.where(eq(sessions.userId, userId))
		.all()
		.map((row) => row.id)
		.sort();
}

beforeEach(async () => {
	db = createDb(':memory:');
	migrateDb(db, MIGRATIONS_FOLDER);
	await addUser('ada');
	await addUser('bo');
});

describe('renameUser', () => {
	it('stores the new name trimmed', () => {
		expect(renameUser(db, 'ada', '  Ada Lovelace  ')).toEqual({ ok: true });
		expect(nameOf('ada')).toBe('Ada Lovelace');
	});

	it('refuses an empty or overlong name with a sentence and keeps the old one', () => {
		for (const name of ['', '   ', 'x'.repeat(MAX_NAME_LENGTH + 1)]) {
			expect(renameUser(db, 'ada', name)).toEqual({
				ok: false,
				message: `Enter your name (at most ${MAX_NAME_LENGTH} characters).`
			});
		}
		expect(nameOf('ada')).toBe('User ada');
	});
});

describe('changePassword', () => {
	it('refuses a wrong current password and keeps the old one', async () => {
		const result = await changePassword(db, 'ada', 'not my password', NEW_PASSWORD);
		expect(result).toEqual({
			ok: false,
			message: 'Your current password is not right. Try typing it again.'
		});
		const row = db.select().from(users).where(eq(users.id, 'ada')).get()!;
		expect(await verifyPassword(row.passwordHash!, OLD_PASSWORD)).toBe(true);
	});

	it('refuses a new password that is too short, or the same as the current one', async () => {
		expect(await changePassword(db, 'ada', OLD_PASSWORD, 'short')).toEqual({
			ok: false,
			message: 'Choose a password of at least 10 characters.'
		});
		expect(await changePassword(db, 'ada', OLD_PASSWORD, OLD_PASSWORD)).toEqual({
			ok: false,
			message: 'Choose a new password that differs from your current one.'
		});
	});

	it('refuses a guest, who has no password', async () => {
		db.update(users).set({ passwordHash: null }).where(eq(users.id, 'bo')).run();
		expect(await changePassword(db, 'bo', '', NEW_PASSWORD)).toEqual({
			ok: false,
			message: 'This account has no password to change.'
		});
	});

	it('stores the new password and ends every other session of the user, keeping this one', async () => {
		const current = createSession(db, generateToken(), 'ada', null, START);
		createSession(db, generateToken(), 'ada', null, START);
		createSession(db, generateToken(), 'ada', null, START);
		const someoneElse = createSession(db, generateToken(), 'bo', null, START);

		const result = await changePassword(db, 'ada', OLD_PASSWORD, NEW_PASSWORD, current.id);

		expect(result).toEqual({ ok: true, otherSessionsEnded: 2 });
		expect(sessionIdsOf('ada')).toEqual([current.id]);
		expect(sessionIdsOf('bo')).toEqual([someoneElse.id]);
		const row = db.select().from(users).where(eq(users.id, 'ada')).get()!;
		expect(await verifyPassword(row.passwordHash!, NEW_PASSWORD)).toBe(true);
		expect(await verifyPassword(row.passwordHash!, OLD_PASSWORD)).toBe(false);
	});
});

describe('listSessions', () => {
	it("lists only the user's unexpired sessions, most recently used first", () => {
		const older = createSession(db, generateToken(), 'ada', 'Firefox', START);
		const newer = createSession(db, generateToken(), 'ada', 'Chrome', START + DAY_IN_MS);
		createSession(db, generateToken(), 'ada', null, START - SESSION_LIFETIME_MS);
		createSession(db, generateToken(), 'bo', null, START);

		const listed = listSessions(db, 'ada', START + 2 * DAY_IN_MS);

		expect(listed).toEqual([
			{
				id: newer.id,
				createdAt: newer.createdAt,
				lastUsedAt: newer.lastUsedAt,
				userAgent: 'Chrome',
				expiresAt: newer.expiresAt
			},
			{
				id: older.id,
				createdAt: older.createdAt,
				lastUsedAt: older.lastUsedAt,
				userAgent: 'Firefox',
				expiresAt: older.expiresAt
			}
		]);
	});
});

describe('revokeSession', () => {
	it("ends one of the user's own sessions", () => {
		const kept = createSession(db, generateToken(), 'ada', null, START);
		const ended = createSession(db, generateToken(), 'ada', null, START);
		expect(revokeSession(db, 'ada', ended.id)).toBe(true);
		expect(sessionIdsOf('ada')).toEqual([kept.id]);
	});

	it("leaves someone else's session alone", () => {
		const theirs = createSession(db, generateToken(), 'bo', null, START);
		expect(revokeSession(db, 'ada', theirs.id)).toBe(false);
		expect(sessionIdsOf('bo')).toEqual([theirs.id]);
	});
});

describe('API tokens', () => {
	it('lists label and times, never the token, newest first', () => {
		const first = createApiToken(db, 'ada', 'ci', START);
		const second = createApiToken(db, 'ada', 'laptop script', START + DAY_IN_MS);
		createApiToken(db, 'bo', 'not mine', START);

		const listed = listApiTokens(db, 'ada');

		expect(listed).toEqual([
			{
				id: hashToken(second),
				label: 'laptop script',
				createdAt: START + DAY_IN_MS,
				lastUsedAt: null
			},
			{ id: hashToken(first), label: 'ci', createdAt: START, lastUsedAt: null }
		]);
		expect(JSON.stringify(listed)).not.toContain(first);
		expect(JSON.stringify(listed)).not.toContain(second);
	});

	it("revoking one of the user's own tokens stops it working", () => {
		const token = createApiToken(db, 'ada', 'ci', START);
		expect(revokeApiToken(db, 'ada', hashToken(token))).toBe(true);
		expect(validateApiToken(db, token)).toBeNull();
		expect(listApiTokens(db, 'ada')).toEqual([]);
	});

	it("cannot revoke someone else's token", () => {
		const theirs = createApiToken(db, 'bo', 'ci', START);
		expect(revokeApiToken(db, 'ada', hashToken(theirs))).toBe(false);
		expect(db.select().from(apiTokens).where(eq(apiTokens.userId, 'bo')).all()).toHaveLength(1);
	});

	it('asks for a label of sensible length', () => {
		expect(checkTokenLabel('  ')).toBe(
			'Give the token a label, such as the script that will use it.'
		);
		expect(checkTokenLabel('x'.repeat(MAX_TOKEN_LABEL_LENGTH + 1))).toBe(
			`Keep the label to ${MAX_TOKEN_LABEL_LENGTH} characters or fewer.`
		);
		expect(checkTokenLabel('ci')).toBeNull();
	});
});
