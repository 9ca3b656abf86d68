/**
 * Opening the SQLite database. Shared by SvelteKit, the sync server and the CLI; configuration is
 * passed in (never read from the environment here) so tests can use a temp file or `:memory:`.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema.ts';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/**
 * Options for transactions that read, then write: they take the write lock at once. A deferred
 * one that read first cannot upgrade while another connection (the CLI, say) writes, and fails
 * with SQLITE_BUSY at once instead of waiting out the busy timeout.
 */
export const WRITE_TRANSACTION = { behavior: 'immediate' } as const;

/** How long a writer waits for another connection's lock before giving up. */
const BUSY_TIMEOUT_MS = 5_000;

/**
 * Opens (creating if needed) the database at `file`. WAL with synchronous=NORMAL: a commit
 * survives the process being killed; see the README for what power loss can cost.
 */
export function createDb(file: string): Db {
	if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
	const sqlite = new Database(file);
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('synchronous = NORMAL');
	sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
	sqlite.pragma('foreign_keys = ON');
	return drizzle(sqlite, { schema }) as Db;
}

/**
 * Applies the committed drizzle-kit migrations found in `migrationsFolder`. Foreign keys are off
 * while they run, as SQLite's procedure for rebuilding a table requires (inside the migrator's
 * transaction a migration cannot turn them off itself, and a rebuilt parent table would
 * otherwise cascade-delete its children); they are checked before being turned back on.
 */
export function migrateDb(db: Db, migrationsFolder: string): void {
	const sqlite = db.$client;
	sqlite.pragma('foreign_keys = OFF');
	try {
		migrate(db, { migrationsFolder });
		const problems = sqlite.pragma('foreign_key_check') as unknown[];
		if (problems.length > 0) {
			throw new Error(`Migrations left ${problems.length} broken foreign key references.`);
		}
	} finally {
		sqlite.pragma('foreign_keys = ON');
	}
}
