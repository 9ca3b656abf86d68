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
import { closeSocket } from './close-socket.ts';
import {
	ACCESS_CHECK_INTERVAL_MS,
	HEARTBEAT_INTERVAL_MS,
	MAX_PAYLOAD_BYTES,
	REFUSED_MAX_PAYLOAD_BYTES
} from './limits.ts';
import { resetConnectionCounts, trackConnection } from '../../src/lib/server/members.ts';
import { watchAccess } from './access.ts';
import { Rooms } from './rooms.ts';
import { createCompactor, InlineCompactor } from './compactor.ts';
import type { Room } from './room.ts';
import { admit, isAllowedOrigin, isSyncRequest, parseSyncPath } from './upgrade.ts';

export interface SyncServerOptions {
	db: Db;
	/** Public origin (ORIGIN); null to accept same-host origins only. */
	publicOrigin: string | null;
	/** Defaults to the SQLite store on `db`. */
	store?: BoardStore;
	/** Called when a room unloads (its session ended), with its document still readable. */
	onRoomUnload?: (room: Room) => void;
}

export interface SyncServer {
	readonly rooms: Rooms;
	/**
	 * Handles an upgrade request if it is for /sync; returns false (touching nothing) otherwise,
	 * so that other upgrade listeners (Vite's HMR) keep theirs.
	 */
	handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean;
	/**
	 * Flushes every room and closes every connection (1012); resolves once all are gone and the
	 * compactions they started have ended.
	 */
	close(): Promise<void>;
}

/** Why an upgrade is refused: the close code and reason the client gets. */
type Refusal = { code: number; reason: string };

/** Parts the heartbeat interval is cut into; each part pings its share of the connections. */
const HEARTBEAT_SLICES = 30;

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
	// A store of the caller's (tests' in-memory one) is compacted inline; ours in a worker thread.
	const compactor = options.store ? new InlineCompactor(store) : createCompactor(options.db, store);
	const rooms = new Rooms(store, options.onRoomUnload, compactor);
	// Counts of open connections left by a previous run (a crash, say) are stale.
	resetConnectionCounts(options.db);
	const stopWatchingAccess = watchAccess(options.db, rooms, ACCESS_CHECK_INTERVAL_MS);
	const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_PAYLOAD_BYTES });
	// Refused upgrades complete the handshake only to be closed with a code a client can act on;
	// their sockets read no more than a close frame, so they cannot make us buffer anything.
	const refusals = new WebSocketServer({ noServer: true, maxPayload: REFUSED_MAX_PAYLOAD_BYTES });
	const alive = new WeakSet<WebSocket>();

	// Each connection is pinged once per HEARTBEAT_INTERVAL_MS, in slices spread over it: pinging
	// thousands of sockets in one go held the event loop for tens of milliseconds.
	const heartbeatSlot = new WeakMap<WebSocket, number>();
	let nextSlot = 0;
	let tick = 0;
	const heartbeat = setInterval(() => {
		const slice = tick++ % HEARTBEAT_SLICES;
		for (const socket of wss.clients) {
			if (heartbeatSlot.get(socket) !== slice) continue;
			if (!alive.has(socket)) {
				socket.terminate();
				continue;
			}
			alive.delete(socket);
			socket.ping();
		}
	}, HEARTBEAT_INTERVAL_MS / HEARTBEAT_SLICES);
	heartbeat.unref();

	async function untilClosed(timeoutMs: number): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		while (wss.clients.size > 0 && Date.now() < deadline) {
			await new Promise((resolve) => setTimeout(resolve, 10));
		}
	}

	function refuse(request: IncomingMessage, socket: Duplex, head: Buffer, refusal: Refusal) {
		refusals.handleUpgrade(request, socket, head, (ws) => {
			ws.on('error', () => ws.terminate());
			closeSocket(ws, refusal.code, refusal.reason);
		});
	}

	function accept(request: IncomingMessage, socket: Duplex, head: Buffer, workshopId: string) {
		// Checked before the WebSocket handshake: a refused request never gets a full connection.
		const admission = admit(options.db, request, workshopId);
		if (!admission.ok) {
			refuse(request, socket, head, admission);
			return;
		}
		wss.handleUpgrade(request, socket, head, (ws) => {
			alive.add(ws);
			heartbeatSlot.set(ws, nextSlot++ % HEARTBEAT_SLICES);
			ws.on('pong', () => alive.add(ws));
			let room;
			try {
				room = rooms.open(workshopId);
			} catch (error) {
				if (!(error instanceof BoardLoadError)) throw error;
				console.error(`[sync] ${error.message}`, error.cause);
				closeSocket(ws, CLOSE.boardUnavailable, CLOSE_REASON.boardUnavailable);
				return;
			}
			room.join(ws, admission.identity);
			const { userId } = admission.identity;
			trackConnection(options.db, workshopId, userId, 1);
			ws.once('close', () => trackConnection(options.db, workshopId, userId, -1));
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
			stopWatchingAccess();
			rooms.closeAll(CLOSE.serviceRestart, CLOSE_REASON.serviceRestart);
			await untilClosed(CLOSE_GRACE_MS);
			for (const socket of [...wss.clients, ...refusals.clients]) socket.terminate();
			// Every socket's close handlers (which write to the database) have run after this.
			await untilClosed(CLOSE_GRACE_MS);
			await new Promise<void>((resolve) => wss.close(() => resolve()));
			await new Promise<void>((resolve) => refusals.close(() => resolve()));
			await compactor.close();
		}
	};
}
