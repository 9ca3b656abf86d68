/**
 * Patches better-sqlite3 so that the real `SqliteBoardStore.compact` kills the process at the
 * point named by CRASH_AT:
 * - `after-snapshot`: the snapshot has been replaced, the log not yet trimmed;
 * - `before-commit`: the log has been trimmed too, and only the COMMIT is left.
 * Just before dying it prints `crashing inside a transaction (POINT, N rows changed)`
 * (synchronously), so the test knows the kill came from inside the transaction. Loaded in every
 * thread by compaction-crash-preload.js.
 */
import fs from 'node:fs';
import { isMainThread } from 'node:worker_threads';
import Database from 'better-sqlite3';

/** Exit code when the crash point was reached outside a transaction. */
const OUTSIDE_TRANSACTION_EXIT_CODE = 4;

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
		// From a worker thread, process.exit would end only the thread, and the server would go
		// on to compact inline: the whole process ends, without the marker the test looks for.
		if (isMainThread) process.exit(OUTSIDE_TRANSACTION_EXIT_CODE);
		process.kill(process.pid, 'SIGKILL');
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
