/**
 * `npm start`: the production server. Applies migrations, then serves the SvelteKit build and the
 * sync endpoint on one port. SIGTERM/SIGINT close connections cleanly (every update is already
 * stored; rooms are compacted on the way out).
 */
import { createDb, migrateDb } from '../src/lib/server/db/index.ts';
import { startServer, type RequestHandler } from './app-server.ts';
import { MIGRATIONS_FOLDER, readConfig } from './config.ts';

async function main(): Promise<void> {
	const config = readConfig(process.env);
	const db = createDb(config.databasePath);
	migrateDb(db, MIGRATIONS_FOLDER);
	// The SvelteKit side opens its own connection from the same variable.
	process.env.DATABASE_PATH = config.databasePath;

	let handler: RequestHandler;
	try {
		// @ts-expect-error: produced by `npm run build`; not present before the first build.
		({ handler } = await import('../build/handler.js'));
	} catch (error) {
		throw new Error('The app is not built yet: run `npm run build` first.', { cause: error });
	}
	const running = await startServer({
		db,
		port: config.port,
		host: config.host,
		publicOrigin: config.origin,
		handler
	});
	const shown = config.origin ?? `http://${config.host ?? 'localhost'}:${running.port}`;
	console.log(`Pillarboard is listening on ${shown} (database ${config.databasePath})`);

	let stopping = false;
	const stop = async (signal: string) => {
		if (stopping) return;
		stopping = true;
		console.log(`${signal} received: closing connections and flushing boards.`);
		await running.close();
		db.$client.close();
		process.exit(0);
	};
	process.on('SIGTERM', () => void stop('SIGTERM'));
	process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: Error) => {
	console.error(`Pillarboard could not start: ${error.message}`);
	if (error.cause) console.error(error.cause);
	process.exit(1);
});
