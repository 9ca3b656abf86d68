/**
 * One HTTP server, one port: the SvelteKit handler for pages and the sync server for upgrades.
 * Used by `npm start` (server/index.ts), the demo and the integration tests.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Db } from '../src/lib/server/db/index.ts';
import { createSyncServer, type SyncServer } from './sync/index.ts';
import { attachBoardVersions, saveSessionVersion } from './board-versions.ts';

/** A Node/Polka-style request handler, as adapter-node's `handler.js` exports. */
export type RequestHandler = (
	request: http.IncomingMessage,
	response: http.ServerResponse,
	next?: () => void
) => void;

export interface RunningServer {
	readonly server: http.Server;
	readonly sync: SyncServer;
	/** The port actually bound (useful with port 0). */
	readonly port: number;
	/** Stops accepting, closes sync connections after flushing rooms, and closes the server. */
	close(): Promise<void>;
}

/**
 * Header through which this server tells adapter-node the protocol a request came in on. This
 * server speaks plain http, so it always sets `http`, overwriting whatever a client sent; serve()
 * points PROTOCOL_HEADER at it when no ORIGIN is configured (adapter-node would assume https).
 */
export const PROTOCOL_HEADER = 'x-pillarboard-protocol';

function notFound(_request: http.IncomingMessage, response: http.ServerResponse): void {
	response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
}

/** Starts the server and resolves once it is listening. */
export async function startServer(options: {
	db: Db;
	port: number;
	host?: string;
	publicOrigin: string | null;
	handler?: RequestHandler;
}): Promise<RunningServer> {
	const handler = options.handler ?? notFound;
	const server = http.createServer((request, response) => {
		request.headers[PROTOCOL_HEADER] = 'http';
		handler(request, response, () => notFound(request, response));
	});
	const sync = createSyncServer({
		db: options.db,
		publicOrigin: options.publicOrigin,
		onRoomUnload: (room) => saveSessionVersion(options.db, room)
	});
	const detachVersions = attachBoardVersions(options.db, sync.rooms);
	server.on('upgrade', (request, socket, head) => {
		// No other upgrade is served in production: a socket left alone would hang until timeout.
		if (!sync.handleUpgrade(request, socket, head)) socket.destroy();
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port, options.host, () => resolve());
	});
	return {
		server,
		sync,
		port: (server.address() as AddressInfo).port,
		async close() {
			const closed = new Promise<void>((resolve) => server.close(() => resolve()));
			detachVersions();
			await sync.close();
			server.closeAllConnections();
			await closed;
		}
	};
}
