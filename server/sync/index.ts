/**
 * The sync server: y-websocket protocol at /sync/<workshopId>, attached to an existing HTTP
 * server's upgrade event (ours in production, Vite's in dev: the same code either way).
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Db } from '../../src/lib/server/db/index.ts';
import { BoardLoadError, type BoardStore } from '../../src/lib/server/board-store.ts';
import { SqliteBoardStore } from '../../src/lib/server/board-store-sqlite.ts';
import { CLOSE, CLOSE_REASON } from './close-codes.ts';
import { HEARTBEAT_INTERVAL_MS, MAX_PAYLOAD_BYTES } from './limits.ts';
import { Rooms } from './rooms.ts';
import { admit, isAllowedOrigin, isSyncRequest, parseSyncPath } from './upgrade.ts';

export interface SyncServerOptions {
	db: Db;
	/** Public origin (ORIGIN); null to accept same-host origins only. */
	publicOrigin: string | null;
	/** Defaults to the SQLite store on `db`. */
	store?: BoardStore;
}

export interface SyncServer {
	readonly rooms: Rooms;
	/**
	 * Handles an upgrade request if it is for /sync; returns false (touching nothing) otherwise,
	 * so that other upgrade listeners (Vite's HMR) keep theirs.
	 */
	handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean;
	/** Flushes every room and closes every connection (1012); resolves once all are gone. */
	close(): Promise<void>;
}

/** How long shutdown waits for clients to finish the close handshake. */
const CLOSE_GRACE_MS = 2_000;

/** Answers a refused upgrade with a plain HTTP status, then drops the socket. */
function refuseUpgrade(socket: Duplex, status: number, text: string): void {
	socket.end(
		`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\n` +
			`Content-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`
	);
}

/** Creates the sync server; attach it with `httpServer.on('upgrade', sync.handleUpgrade)`. */
export function createSyncServer(options: SyncServerOptions): SyncServer {
	const store = options.store ?? new SqliteBoardStore(options.db);
	const rooms = new Rooms(store);
	const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_PAYLOAD_BYTES });
	const alive = new WeakSet<WebSocket>();

	const heartbeat = setInterval(() => {
		for (const socket of wss.clients) {
			if (!alive.has(socket)) {
				socket.terminate();
				continue;
			}
			alive.delete(socket);
			socket.ping();
		}
	}, HEARTBEAT_INTERVAL_MS);
	heartbeat.unref();

	function accept(request: IncomingMessage, socket: Duplex, head: Buffer, workshopId: string) {
		wss.handleUpgrade(request, socket, head, (ws) => {
			alive.add(ws);
			ws.on('pong', () => alive.add(ws));
			const admission = admit(options.db, request, workshopId);
			if (!admission.ok) {
				ws.close(admission.code, admission.reason);
				return;
			}
			let room;
			try {
				room = rooms.open(workshopId);
			} catch (error) {
				if (!(error instanceof BoardLoadError)) throw error;
				console.error(`[sync] ${error.message}`, error.cause);
				ws.close(CLOSE.boardUnavailable, CLOSE_REASON.boardUnavailable);
				return;
			}
			room.join(ws, admission.identity);
		});
	}

	return {
		rooms,
		handleUpgrade(request, socket, head) {
			if (!isSyncRequest(request.url)) return false;
			socket.on('error', () => socket.destroy());
			const workshopId = parseSyncPath(request.url);
			if (!workshopId) {
				refuseUpgrade(socket, 404, 'Not Found');
			} else if (!isAllowedOrigin(request, options.publicOrigin)) {
				refuseUpgrade(socket, 403, 'Forbidden origin');
			} else {
				accept(request, socket, head, workshopId);
			}
			return true;
		},
		async close() {
			clearInterval(heartbeat);
			rooms.closeAll(CLOSE.serviceRestart, CLOSE_REASON.serviceRestart);
			const deadline = Date.now() + CLOSE_GRACE_MS;
			while (wss.clients.size > 0 && Date.now() < deadline) {
				await new Promise((resolve) => setTimeout(resolve, 20));
			}
			for (const socket of wss.clients) socket.terminate();
			await new Promise<void>((resolve) => wss.close(() => resolve()));
		}
	};
}
