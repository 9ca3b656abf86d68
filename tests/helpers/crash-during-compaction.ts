/**
 * Entry point of a child process that dies with SIGKILL in the middle of a compaction, while the
 * SQLite transaction that folds the update log into the snapshot is open. Started with
 * `--import compaction-crash-preload.js`, which installs the crash (compaction-crash.ts) in every
 * thread: the server compacts in a worker thread.
 *
 * Usage:
 * - `compact DATABASE WORKSHOP_ID`: loads the board into a real sync room and compacts it inline;
 * - `server`: runs the test server (tests/helpers/server-process.ts, with DATABASE_PATH and PORT),
 *   which dies at its first compaction.
 */
import { Room } from '../../server/sync/room.ts';
import { SqliteBoardStore } from '../../src/lib/server/board-store-sqlite.ts';
import { createDb } from '../../src/lib/server/db/index.ts';

/** Exit code when the compaction finished without reaching the crash point. */
const NOT_CRASHED_EXIT_CODE = 3;

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
