/** Starting the real server (sync endpoint + HTTP) on port 0 against a temp database. */
import { startServer, type RunningServer } from '../../server/app-server.ts';
import { createTempDatabase, type TempDatabase } from './database.ts';

export interface TestServer {
	readonly running: RunningServer;
	readonly database: TempDatabase;
	/** `ws://127.0.0.1:<port>/sync`, the serverUrl a y-websocket client takes. */
	readonly syncUrl: string;
	readonly origin: string;
	/** Stops the server and removes the database. */
	close(): Promise<void>;
}

/** A listening server in this process; pass a database to share one between restarts. */
export async function startTestServer(
	options: { database?: TempDatabase; publicOrigin?: string | null } = {}
): Promise<TestServer> {
	const database = options.database ?? createTempDatabase();
	const running = await startServer({
		db: database.db,
		port: 0,
		host: '127.0.0.1',
		publicOrigin: options.publicOrigin ?? null
	});
	const origin = `http://127.0.0.1:${running.port}`;
	return {
		running,
		database,
		origin,
		syncUrl: `ws://127.0.0.1:${running.port}/sync`,
		async close() {
			await running.close();
			if (!options.database) database.remove();
		}
	};
}
