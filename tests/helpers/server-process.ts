/**
 * Entry point of a server child process for crash tests: the production start-up path (migrate,
 * then serve the sync endpoint on one port) without the SvelteKit build. Prints `listening PORT`.
 */
import { startServer } from '../../server/app-server.ts';
import { MIGRATIONS_FOLDER, readConfig } from '../../server/config.ts';
import { createDb, migrateDb } from '../../src/lib/server/db/index.ts';

const config = readConfig(process.env);
const db = createDb(config.databasePath);
migrateDb(db, MIGRATIONS_FOLDER);
const running = await startServer({ db, port: config.port, host: '127.0.0.1', publicOrigin: null });
console.log(`listening ${running.port}`);
process.on('SIGTERM', () => {
	void running.close().then(() => {
		db.$client.close();
		process.exit(0);
	});
});
