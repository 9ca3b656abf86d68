/**
 * Invite links against a real SQLite file and the real production server: only the hash of a
 * link's token is ever stored, and opening a link over HTTP joins, refuses or lets a guest in.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { hashToken } from '../../src/lib/server/auth/session.ts';
import { invites, users } from '../../src/lib/server/db/schema.ts';
import { joinAsGuest } from '../../src/lib/server/invite-redemption.ts';
import { createInvite } from '../../src/lib/server/invites.ts';
import { getMembership } from '../../src/lib/server/members.ts';
import { createPerson, createTestWorkshop, type TestWorkshop } from '../helpers/accounts.ts';
import { createTempDatabase, type TempDatabase } from '../helpers/database.ts';
import { waitFor } from '../helpers/wait.ts';

const DAY_IN_MS = 24 * 60 * 60 * 1000;

/** A link for `workshopId` as its facilitator would create it; returns the token. */
function newLink(
	database: TempDatabase,
	workshop: TestWorkshop,
	options: { allowGuests?: boolean; expiresAt?: number; maxUses?: number | null } = {}
): string {
	return createInvite(database.db, {
		workshopId: workshop.workshopId,
		role: 'partner',
		partnerId: 'partner-kbc',
		partnerCode: 'KBC',
		allowGuests: options.allowGuests ?? false,
		expiresAt: options.expiresAt ?? Date.now() + 7 * DAY_IN_MS,
		maxUses: options.maxUses ?? null,
		label: 'Council economy team',
		actor: { id: workshop.facilitator.id, name: workshop.facilitator.name }
	}).token;
}

/** Every byte of the database file, once the write-ahead log is folded back into it. */
function databaseFileBytes(database: TempDatabase): Buffer {
	database.db.$client.pragma('wal_checkpoint(TRUNCATE)');
	return fs.readFileSync(database.file);
}

describe('invite tokens at rest', () => {
	let database: TempDatabase;

	beforeEach(() => {
		database = createTempDatabase();
	});

	afterEach(() => {
		database.remove();
	});

	it('stores only the hash of a link token, never the token itself', () => {
		const workshop = createTestWorkshop(database.db);
		const token = newLink(database, workshop, { allowGuests: true });
		// Used once, so that the row has been written again since it was created.
		const joined = joinAsGuest(database.db, token, 'Gus Guest');
		expect(joined.ok).toBe(true);

		const bytes = databaseFileBytes(database);
		expect(bytes.includes(Buffer.from(token))).toBe(false);
		expect(bytes.includes(Buffer.from(token.toUpperCase()))).toBe(false);
		expect(bytes.includes(Buffer.from(hashToken(token)))).toBe(true);
		const stored = database.db.select().from(invites).all();
		expect(stored.map((row) => row.id)).toEqual([hashToken(token)]);
	});
});

// The production server over the production build, as `npm start` runs it: `npm test` builds
// before it runs these tests.
const SERVER = fileURLToPath(new URL('../../server/index.ts', import.meta.url));

describe('opening an invite link over HTTP', () => {
	let database: TempDatabase;
	let server: ChildProcess;
	let origin: string;
	let workshop: TestWorkshop;

	beforeAll(async () => {
		database = createTempDatabase();
		workshop = createTestWorkshop(database.db, 'Procurement kick-off');
		server = spawn(process.execPath, ['--import', 'tsx', SERVER], {
			env: { ...process.env, DATABASE_PATH: database.file, PORT: '0', HOST: '127.0.0.1' },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let output = '';
		server.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
		server.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
		await waitFor(
			() => /listening on http/.test(output),
			`the server to listen:\n${output}`,
			30_000
		);
		origin = /listening on (http:\/\/\S+)/.exec(output)![1];
	});

	afterAll(async () => {
		const exited = new Promise((resolve) => server.once('exit', resolve));
		server.kill('SIGTERM');
		await exited;
		database.remove();
	});

	it('shows a signed-out visitor whom the link is for', async () => {
		const token = newLink(database, workshop);
		const response = await fetch(`${origin}/invite/${token}`);
		expect(response.status).toBe(200);
		const html = await response.text();
		expect(html).toContain('You are invited to Procurement kick-off');
		expect(html).toContain(`/signup?redirectTo=${encodeURIComponent(`/invite/${token}`)}`);
	});

	it('joins a signed-in person at once and sends them to the board', async () => {
		const token = newLink(database, workshop, { maxUses: 1 });
		const person = createPerson(database.db, 'Sam Reid');
		const response = await fetch(`${origin}/invite/${token}`, {
			headers: { cookie: `pillarboard_session=${person.sessionToken}` },
			redirect: 'manual'
		});
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toBe(`/workshops/${workshop.workshopId}`);
		expect(getMembership(database.db, workshop.workshopId, person.id)).toEqual({
			role: 'partner',
			partnerId: 'partner-kbc'
		});

		const late = createPerson(database.db, 'Kai Osei');
		const refused = await fetch(`${origin}/invite/${token}`, {
			headers: { cookie: `pillarboard_session=${late.sessionToken}` },
			redirect: 'manual'
		});
		expect(refused.status).toBe(410);
		expect(await refused.text()).toContain('used by as many people as it allows');
		expect(getMembership(database.db, workshop.workshopId, late.id)).toBeNull();
	});

	it('lets a guest in with only a name, with a session scoped to the workshop', async () => {
		const token = newLink(database, workshop, { allowGuests: true });
		const response = await fetch(`${origin}/invite/${token}?/guest`, {
			method: 'POST',
			// As a browser posts the form without JavaScript.
			headers: {
				origin,
				accept: 'text/html',
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: new URLSearchParams({ name: 'Gus Guest' }),
			redirect: 'manual'
		});
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toBe(`/workshops/${workshop.workshopId}`);
		expect(response.headers.get('set-cookie')).toMatch(/^pillarboard_session=\w+;.*HttpOnly/i);
		const guest = database.db.select().from(users).where(eq(users.name, 'Gus Guest')).get();
		expect(guest).toMatchObject({ email: null, guestWorkshopId: workshop.workshopId });
	});

	it('refuses a cross-site guest join with 403', async () => {
		const token = newLink(database, workshop, { allowGuests: true });
		const response = await fetch(`${origin}/invite/${token}?/guest`, {
			method: 'POST',
			headers: {
				origin: 'https://evil.example',
				accept: 'text/html',
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: new URLSearchParams({ name: 'Mallory' }),
			redirect: 'manual'
		});
		expect(response.status).toBe(403);
		expect(database.db.select().from(users).where(eq(users.name, 'Mallory')).all()).toEqual([]);
	});

	it('answers an expired link with 410 and an unknown one with 404', async () => {
		const expired = newLink(database, workshop, { expiresAt: Date.now() - 1 });
		const gone = await fetch(`${origin}/invite/${expired}`);
		expect(gone.status).toBe(410);
		expect(await gone.text()).toContain('Ask Fran Facilitator, who created it, for a new link.');
		const unknown = await fetch(`${origin}/invite/abcdefghijklmnopqrstuvwxyz234567`);
		expect(unknown.status).toBe(404);
	});
});
