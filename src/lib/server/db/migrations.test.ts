import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createDb, migrateDb } from './index.ts';

const MIGRATIONS = fileURLToPath(new URL('../../../../drizzle', import.meta.url));
let dir: string;

afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A copy of the migrations folder that stops after the first `count` migrations. */
function firstMigrations(count: number): string {
	const folder = path.join(dir, 'migrations');
	fs.cpSync(MIGRATIONS, folder, { recursive: true });
	const journalFile = path.join(folder, 'meta', '_journal.json');
	const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8'));
	journal.entries = journal.entries.slice(0, count);
	fs.writeFileSync(journalFile, JSON.stringify(journal));
	return folder;
}

describe('migrations', () => {
	it('upgrade a database in use without losing its accounts, sessions or memberships', () => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pillarboard-migrate-'));
		const file = path.join(dir, 'old.db');
		const old = createDb(file);
		migrateDb(old, firstMigrations(1));
		const sqlite = old.$client;
		sqlite
			.prepare(
				'INSERT INTO users (id, email, name, password_hash, created_at) VALUES (?, ?, ?, ?, ?)'
			)
			.run('u1', 'nia@example.test', 'Nia', 'hash', 1);
		sqlite
			.prepare('INSERT INTO sessions (id, user_id, expires_at, created_at) VALUES (?, ?, ?, ?)')
			.run('s1', 'u1', 9e12, 1);
		sqlite
			.prepare(
				'INSERT INTO workshops (id, title, place, pillar_preset, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)'
			)
			.run('w1', 'T', 'P', 'cles', 'u1', 1);
		sqlite
			.prepare(
				'INSERT INTO memberships (workshop_id, user_id, role, created_at) VALUES (?, ?, ?, ?)'
			)
			.run('w1', 'u1', 'facilitator', 1);
		sqlite.close();

		const upgraded = createDb(file);
		migrateDb(upgraded, MIGRATIONS);
		const count = (table: string) =>
			(upgraded.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
		expect([count('users'), count('sessions'), count('workshops'), count('memberships')]).toEqual([
			1, 1, 1, 1
		]);
		expect(upgraded.$client.pragma('foreign_keys', { simple: true })).toBe(1);
		upgraded.$client.close();
	});
});
