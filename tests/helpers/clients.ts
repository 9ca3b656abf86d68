/**
 * Stock y-websocket clients for tests (the public contract: any such client with access can use
 * a board), plus raw `ws` sockets for speaking the protocol badly on purpose.
 */
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { syncStep1Frame } from './frames.ts';
import { waitFor } from './wait.ts';

export interface Credentials {
	/** Sent as the session cookie, like a browser. */
	sessionToken?: string;
	/** Sent as `Authorization: Bearer`, like a script. */
	apiToken?: string;
	origin?: string;
}

/** Request headers for a set of credentials. */
export function headersFor(credentials: Credentials): Record<string, string> {
	const headers: Record<string, string> = {};
	if (credentials.sessionToken) headers.cookie = `pillarboard_session=${credentials.sessionToken}`;
	if (credentials.apiToken) headers.authorization = `Bearer ${credentials.apiToken}`;
	if (credentials.origin) headers.origin = credentials.origin;
	return headers;
}

/** How a stock client connects, beyond its credentials. */
export interface ClientOptions {
	/** Local address to connect from (any of 127.0.0.0/8 on Linux): another machine, in effect. */
	localAddress?: string;
	/** The provider's longest wait between reconnection attempts (y-websocket's default: 2,500 ms). */
	maxBackoffTime?: number;
}

/** A `ws` WebSocket class that sends the given headers: how a Node script authenticates. */
function webSocketWith(headers: Record<string, string>, localAddress?: string) {
	return class extends WebSocket {
		constructor(url: string | URL, protocols?: string | string[]) {
			super(url, protocols, { headers, localAddress });
		}
	};
}

export interface TestClient {
	doc: Y.Doc;
	provider: WebsocketProvider;
	/** Resolves once the first sync with the server has completed. */
	synced: Promise<void>;
	destroy(): void;
}

/** Connects a stock y-websocket client to a board. */
export function connectClient(
	syncUrl: string,
	workshopId: string,
	credentials: Credentials,
	doc = new Y.Doc(),
	options: ClientOptions = {}
): TestClient {
	const provider = new WebsocketProvider(syncUrl, workshopId, doc, {
		WebSocketPolyfill: webSocketWith(headersFor(credentials), options.localAddress) as never,
		disableBc: true,
		maxBackoffTime: options.maxBackoffTime ?? 200
	});
	const synced = new Promise<void>((resolve) => {
		if (provider.synced) resolve();
		else provider.once('sync', () => resolve());
	});
	return {
		doc,
		provider,
		synced,
		destroy() {
			provider.destroy();
			doc.destroy();
		}
	};
}

/** Waits until every client's document encodes to the same state. */
export async function waitForConvergence(clients: TestClient[], timeoutMs = 10_000): Promise<void> {
	const state = (client: TestClient) =>
		Buffer.from(Y.encodeStateVector(client.doc)).toString('hex');
	await waitFor(
		() => clients.every((client) => state(client) === state(clients[0])),
		'clients to converge',
		timeoutMs
	);
}

export interface RawOutcome {
	/** HTTP status if the upgrade itself was refused. */
	status?: number;
	/** Close code and reason if the socket was opened then closed. */
	code?: number;
	reason?: string;
}

/** Opens a raw socket and resolves with how the server ended it. */
export function rawOutcome(
	url: string,
	credentials: Credentials,
	onOpen?: (socket: WebSocket) => void
): Promise<RawOutcome> {
	return new Promise((resolve) => {
		const socket = new WebSocket(url, { headers: headersFor(credentials) });
		socket.on('unexpected-response', (_request, response) => {
			resolve({ status: response.statusCode });
			socket.terminate();
		});
		socket.on('open', () => onOpen?.(socket));
		socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
		socket.on('error', () => undefined);
	});
}

/** A raw socket that records every frame the server sends, from the very first. */
export interface RawConnection {
	socket: WebSocket;
	frames: Buffer[];
	/**
	 * Resolves once the server has handled every frame sent before it. The server handles one
	 * socket's frames in order and answers a sync step 1 with a step 2, which it never sends
	 * unprompted, so the answer marks the point.
	 */
	roundTrip(): Promise<void>;
}

/** Whether a frame is a sync step 2 (type 0, subtype 1). */
const isSyncStep2 = (frame: Buffer) => frame[0] === 0 && frame[1] === 1;

/** Opens a raw socket and resolves once it is open. */
export function openRaw(url: string, credentials: Credentials): Promise<RawConnection> {
	return new Promise((resolve, reject) => {
		const socket = new WebSocket(url, { headers: headersFor(credentials) });
		const frames: Buffer[] = [];
		// Attached before 'open': the server's first frames can arrive in the same tick.
		socket.on('message', (data: Buffer) => frames.push(data));
		const roundTrip = async () => {
			const answered = frames.filter(isSyncStep2).length;
			socket.send(syncStep1Frame());
			await waitFor(() => frames.filter(isSyncStep2).length > answered, 'a round trip');
		};
		socket.once('open', () => resolve({ socket, frames, roundTrip }));
		socket.once('error', reject);
		socket.once('unexpected-response', (_request, response) =>
			reject(new Error(`upgrade refused with ${response.statusCode}`))
		);
	});
}
