/**
 * The whole app in this process — the production build's pages and endpoints and the sync
 * server on one port, over a temp database — for tests that speak HTTP and the sync protocol to
 * one server (run `npm run build` first). Also how such tests call the JSON endpoints.
 */
import { startServer, type RunningServer } from '../../server/app-server.ts';
import { loadAppHandler } from '../../server/serve.ts';
import { createTempDatabase, type TempDatabase } from './database.ts';

export interface AppServer {
	database: TempDatabase;
	running: RunningServer;
	/** `http://127.0.0.1:<port>`. */
	origin: string;
	/** `ws://127.0.0.1:<port>/sync`. */
	syncUrl: string;
	/** Stops the server and removes the database. */
	close(): Promise<void>;
}

/** Starts the built app and the sync server on a free port. */
export async function startAppServer(): Promise<AppServer> {
	const database = createTempDatabase();
	const handler = await loadAppHandler({
		databasePath: database.file,
		port: 0,
		host: '127.0.0.1',
		origin: null
	});
	const running = await startServer({
		db: database.db,
		port: 0,
		host: '127.0.0.1',
		publicOrigin: null,
		handler
	});
	return {
		database,
		running,
		origin: `http://127.0.0.1:${running.port}`,
		syncUrl: `ws://127.0.0.1:${running.port}/sync`,
		async close() {
			await running.close();
			database.remove();
		}
	};
}

/** What a JSON endpoint answered. */
export interface JsonAnswer {
	status: number;
	body: Record<string, unknown>;
}

/** Calls a JSON endpoint as a signed-in person (their session cookie), or as nobody. */
export async function callJson(
	url: string,
	init: { method?: string; sessionToken?: string; body?: unknown; contentType?: string } = {}
): Promise<JsonAnswer> {
	const headers: Record<string, string> = {};
	if (init.sessionToken) headers.cookie = `pillarboard_session=${init.sessionToken}`;
	if (init.body !== undefined) headers['content-type'] = init.contentType ?? 'application/json';
	const response = await fetch(url, {
		method: init.method ?? 'GET',
		headers,
		body:
			init.body === undefined
				? undefined
				: typeof init.body === 'string'
					? init.body
					: JSON.stringify(init.body)
	});
	const text = await response.text();
	let body: Record<string, unknown>;
	try {
		body = JSON.parse(text) as Record<string, unknown>;
	} catch {
		body = { text };
	}
	return { status: response.status, body };
}
