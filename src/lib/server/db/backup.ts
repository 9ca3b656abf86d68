/**
 * Backups of the whole database: an online copy taken through SQLite's backup API (consistent
 * even while the server writes: pages changed mid-copy are copied again), a check that a file is
 * a sound Pillarboard database, and a restore that keeps the database it replaces.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { holdServerLock } from './server-lock.ts';

/** Tables every Pillarboard database has had since the first migration. */
const REQUIRED_TABLES = [
	'users',
	'sessions',
	'api_tokens',
	'workshops',
	'memberships',
	'board_updates',
	'board_snapshots',
	'__drizzle_migrations'
];

/** The result of checking a database file: sound, or every reason it is not. */
export type DatabaseCheck =
	{ ok: true; workshops: number; migrations: number } | { ok: false; problems: string[] };

/** Migration timestamps (drizzle's `when`) of the migrations this build knows, in order. */
export function knownMigrations(migrationsFolder: string): number[] {
	const journal = JSON.parse(
		fs.readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')
	) as { entries: { when: number }[] };
	return journal.entries.map((entry) => entry.when);
}

/**
 * Checks that a file is a sound Pillarboard database: SQLite's integrity_check passes, our tables
 * are there, and its migrations are ones this build knows (a newer build's backup is refused).
 */
export function checkDatabaseFile(file: string, migrationsFolder: string): DatabaseCheck {
	if (!fs.existsSync(file)) return { ok: false, problems: [`${file} does not exist.`] };
	let db: Database.Database;
	try {
		db = new Database(file, { readonly: true, fileMustExist: true });
	} catch (error) {
		return { ok: false, problems: [`It cannot be opened: ${(error as Error).message}.`] };
	}
	try {
		const problems: string[] = [];
		let integrity: string[];
		try {
			integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map(
				(row) => row.integrity_check
			);
		} catch (error) {
			return {
				ok: false,
				problems: [`It is not an SQLite database: ${(error as Error).message}.`]
			};
		}
		if (integrity.join() !== 'ok') {
			problems.push(`SQLite's integrity check failed: ${integrity.slice(0, 3).join('; ')}.`);
		}
		const tables = new Set(
			(
				db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
					name: string;
				}[]
			).map((row) => row.name)
		);
		const missing = REQUIRED_TABLES.filter((table) => !tables.has(table));
		if (missing.length > 0) {
			problems.push(`It is not a Pillarboard database: it has no ${missing.join(', ')} table.`);
			return { ok: false, problems };
		}
		const applied = (
			db.prepare('SELECT created_at FROM __drizzle_migrations ORDER BY created_at').all() as {
				created_at: number;
			}[]
		).map((row) => Number(row.created_at));
		const known = new Set(knownMigrations(migrationsFolder));
		const unknown = applied.filter((when) => !known.has(when));
		if (unknown.length > 0) {
			problems.push(
				`It was written by a newer Pillarboard (${unknown.length} migrations this version does not know); upgrade first.`
			);
		}
		if (problems.length > 0) return { ok: false, problems };
		const { count } = db.prepare('SELECT count(*) AS count FROM workshops').get() as {
			count: number;
		};
		return { ok: true, workshops: count, migrations: applied.length };
	} finally {
		db.close();
	}
}

/**
 * Copies the database at `source` to `target` while others may be writing to it. The copy is
 * written beside the target and renamed into place, so a failed backup never leaves half a file.
 */
export async function backupDatabase(source: string, target: string): Promise<void> {
	const db = new Database(source, { fileMustExist: true });
	const partial = `${target}.partial`;
	try {
		fs.rmSync(partial, { force: true });
		await db.backup(partial);
		fs.renameSync(partial, target);
	} finally {
		db.close();
		fs.rmSync(partial, { force: true });
	}
}

/**
 * Replaces the database at `databasePath` with the backup `file`. Holds the server lock for the
 * whole time (throws ServerAlreadyRunning if a server is running), and keeps the replaced
 * database beside it as `<database>.before-restore-<time>`; returns that path (null if there was
 * no database).
 */
export async function restoreDatabase(
	file: string,
	databasePath: string,
	now = new Date()
): Promise<string | null> {
	const lock = holdServerLock(databasePath);
	try {
		let keptAs: string | null = null;
		if (fs.existsSync(databasePath)) {
			keptAs = `${databasePath}.before-restore-${now.toISOString().replace(/[:.]/g, '-')}`;
			// A backup of the current database (WAL included) rather than a rename, so that the
			// kept copy is one self-contained file.
			await backupDatabase(databasePath, keptAs);
		}
		const partial = `${databasePath}.restoring`;
		const source = new Database(file, { readonly: true, fileMustExist: true });
		try {
			await source.backup(partial);
		} finally {
			source.close();
		}
		for (const suffix of ['-wal', '-shm']) fs.rmSync(databasePath + suffix, { force: true });
		fs.renameSync(partial, databasePath);
		return keptAs;
	} finally {
		lock.release();
	}
}
