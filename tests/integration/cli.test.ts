/**
 * The `pillarboard` CLI, run as a real child process (server/cli/bin.js) against a temp SQLite
 * file, the way an operator runs it.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listPartners } from '../../src/lib/board/board-doc.ts';
import { listActions } from '../../src/lib/board/actions.ts';
import { hashToken } from '../../src/lib/server/auth/session.ts';
import { verifyPassword } from '../../src/lib/server/auth/password.ts';
import { loadBoardDoc } from '../../src/lib/server/board-store.ts';
import { SqliteBoardStore } from '../../src/lib/server/board-store-sqlite.ts';
import { apiTokens, memberships, users, workshops } from '../../src/lib/server/db/schema.ts';
import { getRole } from '../../src/lib/server/members.ts';
import { getWorkshop } from '../../src/lib/server/workshops.ts';
import { createPerson, type TestPerson } from '../helpers/accounts.ts';
import { runCli, type CliResult } from '../helpers/cli.ts';
import { createTempDatabase, type TempDatabase } from '../helpers/database.ts';

const FIXTURE = fileURLToPath(new URL('../../server/demo/kestrelford.json', import.meta.url));
const PASSWORD = 'correct horse battery staple';

let database: TempDatabase;
let owner: TestPerson;

function cli(args: string[], input?: string): CliResult {
	return runCli(args, database.file, input);
}

/** An expected failure: a non-zero exit and readable sentences on stderr, never a stack trace. */
function expectSentenceFailure(result: CliResult, status: number): void {
	expect(result.status).toBe(status);
	expect(result.stderr.split('\n')[0]).toMatch(/^[A-Z"].*[.:;]$/);
	expect(result.stderr).not.toMatch(/^\s+at /m);
}

/** Every byte SQLite holds for the database, including the write-ahead log. */
function databaseBytes(): Buffer {
	const parts = ['', '-wal', '-shm']
		.map((suffix) => database.file + suffix)
		.filter((file) => fs.existsSync(file));
	return Buffer.concat(parts.map((file) => fs.readFileSync(file)));
}

beforeEach(() => {
	database = createTempDatabase();
	owner = createPerson(database.db, 'Nia Okafor');
});

afterEach(() => {
	database.remove();
});

describe('pillarboard user create', () => {
	it('reads the password from stdin and prints the new user id on its last line', async () => {
		const result = cli(
			['user', 'create', '--email', 'Sam@Example.org', '--name', 'Sam Reid', '--password-stdin'],
			`${PASSWORD}\n`
		);

		expect(result.status).toBe(0);
		const user = database.db.select().from(users).where(eq(users.id, result.lastLine)).get();
		expect(user).toMatchObject({ email: 'sam@example.org', name: 'Sam Reid' });
		// The trailing newline is not part of the password.
		expect(await verifyPassword(user!.passwordHash!, PASSWORD)).toBe(true);
	});

	it('refuses an email that already has an account, with a sentence on stderr and a non-zero exit', () => {
		const result = cli(
			['user', 'create', '--email', owner.email, '--name', 'Someone Else', '--password-stdin'],
			PASSWORD
		);

		expectSentenceFailure(result, 1);
		expect(result.stderr).toContain('already exists');
		expect(result.stdout).toBe('');
	});

	it('refuses a password given without --password-stdin as a usage error', () => {
		const result = cli(['user', 'create', '--email', 'a@example.org', '--name', 'A']);

		expectSentenceFailure(result, 2);
		expect(database.db.select().from(users).all()).toHaveLength(1);
	});
});

describe('pillarboard token create', () => {
	it('prints a token whose SHA-256 hex is what the database holds, and never the token itself', () => {
		const result = cli(['token', 'create', '--email', owner.email, '--label', 'ci']);

		expect(result.status).toBe(0);
		const token = result.lastLine;
		expect(token).toMatch(/^pbt_[a-z2-7]{32}$/);
		const row = database.db
			.select()
			.from(apiTokens)
			.where(eq(apiTokens.id, hashToken(token)))
			.get();
		expect(row).toMatchObject({ userId: owner.id, label: 'ci' });
		expect(databaseBytes().includes(token)).toBe(false);
	});

	it('fails with a sentence for an email that has no account', () => {
		const result = cli(['token', 'create', '--email', 'nobody@example.org']);

		expectSentenceFailure(result, 1);
		expect(result.stderr).toContain('no account');
	});
});

describe('pillarboard workshop create', () => {
	it('imports the fixture with --from into a board with its 8 partners and 15 actions', () => {
		const result = cli([
			'workshop',
			'create',
			'--title',
			'Kestrelford & Vale plan',
			'--owner',
			owner.email,
			'--from',
			FIXTURE
		]);

		expect(result.status).toBe(0);
		const workshopId = result.lastLine;
		expect(getWorkshop(database.db, workshopId)).toMatchObject({
			title: 'Kestrelford & Vale plan',
			place: 'Kestrelford & Vale',
			pillarPreset: 'cles'
		});
		expect(getRole(database.db, workshopId, owner.id)).toBe('facilitator');
		const { doc } = loadBoardDoc(new SqliteBoardStore(database.db), workshopId);
		const partners = listPartners(doc);
		const actions = listActions(doc);
		expect(partners).toHaveLength(8);
		expect(actions).toHaveLength(15);
		const council = partners.find((partner) => partner.code === 'KBC');
		expect(actions.find((action) => action.ref === 'SP-01')?.lead).toBe(council?.id);
	});

	it('lists every problem of a malformed --from file and creates nothing', () => {
		const file = `${database.file}.plan.json`;
		fs.writeFileSync(
			file,
			JSON.stringify({
				place: 'Nowhere',
				partners: [{ code: 'A', name: 'A Trust', type: 'castle' }],
				actions: [{ ref: 'X-01', pillar: 'moonshots', title: 'Reach the moon', lead: 'B' }]
			})
		);

		const result = cli([
			'workshop',
			'create',
			'--title',
			'Bad',
			'--owner',
			owner.email,
			'--from',
			file
		]);

		expectSentenceFailure(result, 1);
		expect(result.stderr).toContain('unknown type "castle"');
		expect(result.stderr).toContain('unknown pillar "moonshots"');
		expect(result.stderr).toContain('unknown lead partner "B"');
		expect(database.db.select().from(workshops).all()).toEqual([]);
	});

	it('asks for --place when no plan file gives one', () => {
		const result = cli(['workshop', 'create', '--title', 'Plan', '--owner', owner.email]);

		expectSentenceFailure(result, 2);
		expect(result.stderr).toContain('--place');
		expect(database.db.select().from(workshops).all()).toEqual([]);
	});
});

describe('pillarboard member add', () => {
	it('adds a member, then changes their role', () => {
		const workshopId = cli([
			'workshop',
			'create',
			'--title',
			'Plan',
			'--owner',
			owner.email,
			'--place',
			'Preston',
			'--preset',
			'scotland'
		]).lastLine;
		const member = createPerson(database.db, 'Sam Reid');

		const added = cli([
			'member',
			'add',
			'--workshop',
			workshopId,
			'--email',
			member.email,
			'--role',
			'observer'
		]);
		expect(added.status).toBe(0);
		expect(added.lastLine.endsWith(member.id)).toBe(true);
		expect(getRole(database.db, workshopId, member.id)).toBe('observer');

		const changed = cli([
			'member',
			'add',
			'--workshop',
			workshopId,
			'--email',
			member.email,
			'--role',
			'partner'
		]);
		expect(changed.status).toBe(0);
		expect(getRole(database.db, workshopId, member.id)).toBe('partner');
		const rows = database.db
			.select()
			.from(memberships)
			.where(eq(memberships.userId, member.id))
			.all();
		expect(rows).toHaveLength(1);
	});

	it('refuses a role that does not exist as a usage error', () => {
		const result = cli([
			'member',
			'add',
			'--workshop',
			'x',
			'--email',
			owner.email,
			'--role',
			'boss'
		]);

		expectSentenceFailure(result, 2);
		expect(result.stderr).toContain('facilitator, partner, observer');
	});
});

describe('the command line itself', () => {
	it('answers an unknown command with exit code 2 and the usage on stderr', () => {
		const result = cli(['frobnicate']);

		expect(result.status).toBe(2);
		expect(result.stderr).toContain('Unknown command "frobnicate".');
		expect(result.stderr).toContain('Usage: pillarboard');
		expect(result.stdout).toBe('');
	});

	it('answers an unknown option with exit code 2 and the command usage on stderr', () => {
		const tokensBefore = database.db.select().from(apiTokens).all().length;

		const result = cli(['token', 'create', '--email', owner.email, '--lable', 'ci']);

		expect(result.status).toBe(2);
		expect(result.stderr).toContain('Unknown option "--lable".');
		expect(result.stderr).toContain('Usage: pillarboard token create');
		expect(database.db.select().from(apiTokens).all()).toHaveLength(tokensBefore);
	});

	it('prints help for a command on stdout and exits 0', () => {
		const result = cli(['workshop', 'create', '--help']);

		expect(result.status).toBe(0);
		expect(result.stdout).toContain('--from FILE');
		expect(result.stderr).toBe('');
	});
});
