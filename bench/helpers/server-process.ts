/**
 * Entry of our sync server as a benchmark child process: the production start-up path (migrate,
 * then serve on one port) without the SvelteKit build. Prints `listening PORT` once it listens,
 * and on SIGUSR2 `rooms N delay P99 MAX`: the boards loaded in memory, and the event-loop delay
 * (ms, 99th percentile and maximum) since the previous SIGUSR2.
 */
import { startServer } from '../../server/app-server.ts';
import { MIGRATIONS_FOLDER, readConfig } from '../../server/config.ts';
import { createDb, migrateDb } from '../../src/lib/server/db/index.ts';
import { watchLoopDelay } from './loop-delay.ts';

const config = readConfig(process.env);
const db = createDb(config.databasePath);
migrateDb(db, MIGRATIONS_FOLDER);
const running = await startServer({ db, port: config.port, host: '127.0.0.1', publicOrigin: null });
console.log(`listening ${running.port}`);

const loopDelay = watchLoopDelay();
process.on('SIGUSR2', () => {
	const { p99Ms, maxMs } = loopDelay();
	console.log(`rooms ${running.sync.rooms.size} delay ${p99Ms} ${maxMs}`);
});
process.on('SIGTERM', () => {
	void running.close().then(() => {
		db.$client.close();
		process.exit(0);
	});
});
