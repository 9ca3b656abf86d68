/**
 * Entry point of a child process that dies with SIGKILL in the middle of a compaction, while the
 * SQLite transaction that folds the update log into the snapshot is open.
 *
 * better-sqlite3 is patched so that the real `SqliteBoardStore.compact` kills the process at the
 * point named by CRASH_AT:
 * - `after-snapshot`: the snapshot has been replaced, the log not yet trimmed;
 * - `before-commit`: the log has been trimmed too, and only the COMMIT is left.
 * Just before dying it prints `crashing inside a transaction (POINT, N rows changed)`
 * (synchronously), so the test knows the kill came from inside the transaction.
 *
 * Usage:
 * - `compact DATABASE WORKSHOP_ID`: loads the board into a real sync room and compacts it;
 * - `server`: runs the test server (tests/helpers/server-process.ts, with DATABASE_PATH and PORT),
 *   which dies at its first compaction.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { Room } from '../../server/sync/room.ts';
import { SqliteBoardStore } from '../../src/lib/server/board-store-sqlite.ts';
import { createDb } from '../../src/lib/server/db/index.ts';

/** Exit code when the compaction finished without reaching the crash point. */
const NOT_CRASHED_EXIT_CODE = 3;

const CRASH_POINTS = ['after-snapshot', 'before-commit'] as const;
type CrashPoint = (typeof CRASH_POINTS)[number];

/** The statements of a compaction, as drizzle emits them. */
const SNAPSHOT_UPSERT = 'insert into "board_snapshots"';
const LOG_TRIM = 'delete from "board_updates"';

function crashIfAt(statement: Database.Statement, changes: number, crashAt: CrashPoint): void {
	const sql = statement.source;
	const reached =
		(crashAt === 'after-snapshot' && sql.startsWith(SNAPSHOT_UPSERT)) ||
		(crashAt === 'before-commit' && sql.startsWith(LOG_TRIM));
	if (!reached) return;
	if (!statement.database.inTransaction) {
		fs.writeSync(2, `${crashAt} reached outside a transaction\n`);
		process.exit(NOT_CRASHED_EXIT_CODE + 1);
	}
	fs.writeSync(1, `crashing inside a transaction (${crashAt}, ${changes} rows changed)\n`);
	process.kill(process.pid, 'SIGKILL');
}

/** Makes every statement's run() kill the process right after it reaches the crash point. */
function installCrash(crashAt: CrashPoint): void {
	const probe = new Database(':memory:');
	const statementPrototype = Object.getPrototypeOf(probe.prepare('select 1')) as {
		run: Database.Statement['run'];
	};
	probe.close();
	const run = statementPrototype.run;
	statementPrototype.run = function (this: Database.Statement, ...params: unknown[]) {
		const result = run.apply(this, params);
		crashIfAt(this, result.changes, crashAt);
		return result;
	};
}

const crashAt = process.env.CRASH_AT as CrashPoint;
if (!CRASH_POINTS.includes(crashAt)) throw new Error(`CRASH_AT must be one of ${CRASH_POINTS}.`);
installCrash(crashAt);
const [mode, databasePath, workshopId] = process.argv.slice(2);
if (mode === 'server') {
	await import('./server-process.ts');
} else if (mode === 'compact') {
	const db = createDb(databasePath);
	const room = new Room(workshopId, new SqliteBoardStore(db), { onDone: () => undefined });
	room.compact();
	process.exit(NOT_CRASHED_EXIT_CODE);
} else {
	throw new Error('Usage: crash-during-compaction.ts compact DATABASE WORKSHOP_ID | server');
}
