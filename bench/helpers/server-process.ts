/**
 * Entry of our sync server as a benchmark child process: the production start-up path (migrate,
 * then serve on one port) without the SvelteKit build. Prints `listening PORT` once it listens,
 * and on SIGUSR2 its status line (server-status.ts): the boards loaded in memory, the event-loop
 * delay since the previous SIGUSR2, its heap and the size of its documents.
 */
import { startServer } from '../../server/app-server.ts';
import { MIGRATIONS_FOLDER, readConfig } from '../../server/config.ts';
import { createDb, migrateDb } from '../../src/lib/server/db/index.ts';
import { watchLoopDelay } from './loop-delay.ts';
import { statusLine } from './server-status.ts';

const config = readConfig(process.env);
const db = createDb(config.databasePath);
migrateDb(db, MIGRATIONS_FOLDER);
const running = await startServer({ db, port: config.port, host: '127.0.0.1', publicOrigin: null });
console.log(`listening ${running.port}`);

const loopDelay = watchLoopDelay();
process.on('SIGUSR2', () => {
	const docs = [...running.sync.rooms.all()].map((room) => room.doc);
	console.log(statusLine(docs, loopDelay()));
});
process.on('SIGTERM', () => {
	void running.close().then(() => {
		db.$client.close();
		process.exit(0);
	});
});
