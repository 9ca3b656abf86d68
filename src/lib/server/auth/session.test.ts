import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { createDb, migrateDb, type Db } from '../db/index.ts';
import { sessions, users } from '../db/schema.ts';
import {
	DAY_IN_MS,
	SESSION_LIFETIME_MS,
	SESSION_RENEW_WINDOW_MS,
	createSession,
	generateToken,
	hashToken,
	invalidateSession,
	invalidateUserSessions,
	validateSessionToken
} from './session.ts';

const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../../../drizzle', import.meta.url));
const START = Date.UTC(2025, 0, 1);

let db: Db;

function addUser(id: string, email: string): void {
	db.insert(users)
		.values({ id, email, name: `User ${id}`, passwordHash: 'unused', createdAt: START })
		.run();
}

function storedSessionIds(): string[] {
	return db
		.select({ id: sessions.id })
		.from(sessions)
		.all()
		.map((row) => row.id);
}

beforeEach(() => {
	db = createDb(':memory:');
	migrateDb(db, MIGRATIONS_FOLDER);
	addUser('u1', 'ada@example.org');
	addUser('u2', 'grace@example.org');
});

describe('session tokens', () => {
	it('are random, carry at least 120 bits and never repeat', () => {
		const tokens = new Set(Array.from({ length: 200 }, () => generateToken()));
		expect(tokens.size).toBe(200);
		for (const token of tokens) {
			// base32: 5 bits per character.
			expect(token).toMatch(/^[a-z2-7]+$/);
			expect(token.length * 5).toBeGreaterThanOrEqual(120);
		}
	});

	it('are stored only as their SHA-256 hash, never as themselves', () => {
		const token = generateToken();
		createSession(db, token, 'u1', 'Firefox', START);
		const ids = storedSessionIds();
		expect(ids).toEqual([hashToken(token)]);
		expect(ids[0]).toMatch(/^[0-9a-f]{64}$/);
		expect(ids[0]).not.toContain(token);
		const raw = JSON.stringify(db.$client.prepare('SELECT * FROM sessions').all());
		expect(raw).not.toContain(token);
	});

	it('hash to the known SHA-256 digest of the token', () => {
		// SHA-256("abc") from FIPS 180-2.
		expect(hashToken('abc')).toBe(
			'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
		);
	});
});

describe('validateSessionToken', () => {
	it('returns the session and its user (without the password hash) for a live token', () => {
		const token = generateToken();
		createSession(db, token, 'u1', 'Firefox', START);
		const result = validateSessionToken(db, token, START + DAY_IN_MS);
		expect(result.user).toEqual({
			id: 'u1',
			email: 'ada@example.org',
			name: 'User u1',
			guestWorkshopId: null
		});
		expect(result.session?.userId).toBe('u1');
		expect(result.session?.userAgent).toBe('Firefox');
		expect(result.user).not.toHaveProperty('passwordHash');
	});

	it('returns no session for a token that was never issued', () => {
		createSession(db, generateToken(), 'u1', null, START);
		expect(validateSessionToken(db, generateToken(), START)).toEqual({
			session: null,
			user: null
		});
	});

	it('refuses an expired session and deletes it', () => {
		const token = generateToken();
		createSession(db, token, 'u1', null, START);
		const result = validateSessionToken(db, token, START + SESSION_LIFETIME_MS);
		expect(result).toEqual({ session: null, user: null });
		expect(storedSessionIds()).toEqual([]);
	});

	it('leaves a session alone while it is outside its renewal window', () => {
		const token = generateToken();
		const created = createSession(db, token, 'u1', null, START);
		const now = created.expiresAt - SESSION_RENEW_WINDOW_MS - 1;
		const result = validateSessionToken(db, token, now);
		expect(result.session?.expiresAt).toBe(created.expiresAt);
	});

	it('extends a session used inside its renewal window, in the database too', () => {
		const token = generateToken();
		const created = createSession(db, token, 'u1', null, START);
		const now = created.expiresAt - SESSION_RENEW_WINDOW_MS + DAY_IN_MS;
		const result = validateSessionToken(db, token, now);
		expect(result.session?.expiresAt).toBe(now + SESSION_LIFETIME_MS);
		const stored = db
			.select()
			.from(sessions)
			.where(eq(sessions.id, hashToken(token)))
			.get();
		expect(stored?.expiresAt).toBe(now + SESSION_LIFETIME_MS);
		// Still valid after the original expiry has passed.
		expect(validateSessionToken(db, token, created.expiresAt + DAY_IN_MS).user?.id).toBe('u1');
	});
});

describe('ending sessions', () => {
	it('invalidateSession ends that session and no other', () => {
		const first = generateToken();
		const second = generateToken();
		const session = createSession(db, first, 'u1', null, START);
		createSession(db, second, 'u1', null, START);
		invalidateSession(db, session.id);
		expect(validateSessionToken(db, first, START).session).toBeNull();
		expect(validateSessionToken(db, second, START).user?.id).toBe('u1');
	});

	it("invalidateUserSessions ends every session of that user and leaves others' alone", () => {
		const adaLaptop = generateToken();
		const adaPhone = generateToken();
		const grace = generateToken();
		createSession(db, adaLaptop, 'u1', null, START);
		createSession(db, adaPhone, 'u1', null, START);
		createSession(db, grace, 'u2', null, START);
		invalidateUserSessions(db, 'u1');
		expect(validateSessionToken(db, adaLaptop, START).session).toBeNull();
		expect(validateSessionToken(db, adaPhone, START).session).toBeNull();
		expect(validateSessionToken(db, grace, START).user?.id).toBe('u2');
	});

	it("deleting a user deletes that user's sessions", () => {
		const token = generateToken();
		createSession(db, token, 'u1', null, START);
		db.delete(users).where(eq(users.id, 'u1')).run();
		expect(storedSessionIds()).toEqual([]);
	});
});
