/**
 * Serving the production build: migrations, the SvelteKit handler and the sync endpoint on one
 * port, and a clean shutdown on SIGTERM/SIGINT (every update is already stored; rooms are
 * compacted on the way out). Used by `npm start` (server/index.ts) and `npm run demo`.
 */
import { createDb, migrateDb, type Db } from '../src/lib/server/db/index.ts';
import {
	PROTOCOL_HEADER,
	startServer,
	type RequestHandler,
	type RunningServer
} from './app-server.ts';
import { MIGRATIONS_FOLDER, type ServerConfig } from './config.ts';
import { holdServerLock } from '../src/lib/server/db/server-lock.ts';

/** The adapter-node handler `npm run build` writes. */
const BUILT_HANDLER = new URL('../build/handler.js', import.meta.url).href;

/**
 * Imports the adapter-node handler of `npm run build`, first setting the environment it reads
 * when loaded: DATABASE_PATH (the SvelteKit side opens its own connection from it) and, without a
 * public origin, PROTOCOL_HEADER, so that each request's own origin (its Host, over http) is the
 * one same-origin checks compare with: the app then works on localhost and a LAN address alike.
 */
export async function loadAppHandler(config: ServerConfig): Promise<RequestHandler> {
	process.env.DATABASE_PATH = config.databasePath;
	if (!config.origin) process.env.PROTOCOL_HEADER ||= PROTOCOL_HEADER;
	try {
		// A path in a variable: the build may not exist yet, and type-checking must not read it.
		const built: { handler: RequestHandler } = await import(BUILT_HANDLER);
		return built.handler;
	} catch (error) {
		throw new Error('The app is not built yet: run `npm run build` first.', { cause: error });
	}
}

export interface Serving {
	running: RunningServer;
	/** Where people open the app, e.g. `http://localhost:3000`. */
	url: string;
}

/**
 * Migrates the database, serves the app and resolves once listening. Pass `db` or `handler` to
 * reuse ones already opened; the process exits cleanly on SIGTERM or SIGINT.
 */
export async function serve(
	config: ServerConfig,
	options: { db?: Db; handler?: RequestHandler } = {}
): Promise<Serving> {
	// Held while the server lives: `pillarboard restore` refuses to run under a live server.
	const lock = holdServerLock(config.databasePath);
	const db = options.db ?? createDb(config.databasePath);
	migrateDb(db, MIGRATIONS_FOLDER);
	const handler = options.handler ?? (await loadAppHandler(config));

	let running: RunningServer;
	try {
		running = await startServer({
			db,
			port: config.port,
			host: config.host,
			publicOrigin: config.origin,
			handler
		});
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
			// A sentence says it all; the stack of `listen` would only bury it.
			throw new Error(`Port ${config.port} is already in use: stop what uses it or set PORT.`);
		}
		throw error;
	}
	const url = config.origin ?? `http://${config.host ?? 'localhost'}:${running.port}`;
	console.log(`Pillarboard is listening on ${url} (database ${config.databasePath})`);

	let stopping = false;
	const stop = async (signal: string) => {
		if (stopping) return;
		stopping = true;
		console.log(`${signal} received: closing connections and flushing boards.`);
		await running.close();
		db.$client.close();
		lock.release();
		process.exit(0);
	};
	process.on('SIGTERM', () => void stop('SIGTERM'));
	process.on('SIGINT', () => void stop('SIGINT'));
	return { running, url };
}
