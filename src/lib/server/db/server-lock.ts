/**
 * Whether a server is running on a database file. A running server holds an exclusive SQLite
 * lock on a small companion file (`<database>-server.lock`) for as long as it lives. The lock is
 * a POSIX advisory lock that the operating system drops when the process ends, however it ends,
 * so there is never a stale lock to clean up after a crash (unlike a pid file).
 */
import Database from 'better-sqlite3';

/** The companion lock file of a database. */
export function serverLockPath(databasePath: string): string {
	return `${databasePath}-server.lock`;
}

/** A held server lock; release it on shutdown (or let the process exit). */
export interface ServerLock {
	release(): void;
}

/** Thrown when another server already holds the lock of a database. */
export class ServerAlreadyRunning extends Error {
	constructor(databasePath: string) {
		super(`A Pillarboard server is already running on the database ${databasePath}.`);
		this.name = 'ServerAlreadyRunning';
	}
}

function isBusy(error: unknown): boolean {
	const code = (error as { code?: string }).code;
	return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}

/** Takes the server lock of a database (throws ServerAlreadyRunning if it is held). */
export function holdServerLock(databasePath: string): ServerLock {
	const lock = new Database(serverLockPath(databasePath));
	lock.pragma('busy_timeout = 0');
	try {
		lock.exec('BEGIN EXCLUSIVE');
	} catch (error) {
		lock.close();
		if (isBusy(error)) throw new ServerAlreadyRunning(databasePath);
		throw error;
	}
	return {
		release() {
			if (!lock.open) return;
			lock.exec('ROLLBACK');
			lock.close();
		}
	};
}

/** Whether some process (this one included) holds the server lock of a database right now. */
export function isServerRunning(databasePath: string): boolean {
	try {
		holdServerLock(databasePath).release();
		return false;
	} catch (error) {
		if (error instanceof ServerAlreadyRunning) return true;
		throw error;
	}
}
