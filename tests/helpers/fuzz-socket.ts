/**
 * A socket for fuzzing: sends one frame at a time and learns, for each, whether the server
 * handled it and carried on, or closed the connection.
 */
import * as decoding from 'lib0/decoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { headersFor, type Credentials } from './clients.ts';

/** How the server took one frame. */
export type FrameOutcome = { closed: false } | { closed: true; code: number };

const SYNC = 0;
const AWARENESS = 1;
const STEP_1 = 0;

/** The client ids in an awareness update. */
function awarenessClientIds(update: Uint8Array): number[] {
	const decoder = decoding.createDecoder(update);
	const ids: number[] = [];
	for (let count = decoding.readVarUint(decoder); count > 0; count--) {
		ids.push(decoding.readVarUint(decoder));
		decoding.readVarUint(decoder);
		decoding.readVarString(decoder);
	}
	return ids;
}

export class FuzzSocket {
	readonly #socket: WebSocket;
	/** The server's state as far as this socket has heard (its opening step 1, then updates). */
	readonly stateVector = new Map<number, number>();
	/** Awareness client ids the server has told this socket about. */
	readonly awarenessIds = new Set<number>();
	#opened = false;
	#pings = 0;
	#pongs = 0;
	#closeCode: number | null = null;
	#onEvent: (() => void) | null = null;

	private constructor(socket: WebSocket) {
		this.#socket = socket;
		socket.on('message', (data: Buffer) => {
			this.#read(data);
			this.#onEvent?.();
		});
		socket.on('pong', (data: Buffer) => {
			this.#pongs = Math.max(this.#pongs, Number(data.toString()));
			this.#onEvent?.();
		});
		socket.on('close', (code) => {
			this.#closeCode = code;
			this.#onEvent?.();
		});
		socket.on('error', () => undefined);
	}

	/** Opens a socket to a board and waits for the server's opening step 1. */
	static async open(url: string, credentials: Credentials): Promise<FuzzSocket> {
		const fuzz = new FuzzSocket(new WebSocket(url, { headers: headersFor(credentials) }));
		await fuzz.#until(() => fuzz.#opened || fuzz.#closeCode !== null);
		if (!fuzz.#opened) throw new Error(`connection refused with ${fuzz.#closeCode}`);
		return fuzz;
	}

	get closed(): boolean {
		return this.#closeCode !== null;
	}

	/**
	 * Sends `frame` then a ping, and resolves once the server has answered the ping (so it has
	 * handled the frame and kept the connection) or has closed the connection. The server handles
	 * a socket's frames in order, and does not answer pings once it is closing.
	 */
	async send(frame: Uint8Array | string): Promise<FrameOutcome> {
		const ping = ++this.#pings;
		this.#socket.send(frame);
		this.#socket.ping(String(ping));
		await this.#until(() => this.#closeCode !== null || this.#pongs >= ping);
		return this.#closeCode === null ? { closed: false } : { closed: true, code: this.#closeCode };
	}

	close(): void {
		this.#socket.terminate();
	}

	/** Learns from a frame the server sent (all of them are well-formed). */
	#read(frame: Buffer): void {
		const decoder = decoding.createDecoder(frame);
		const type = decoding.readVarUint(decoder);
		if (type === AWARENESS) {
			for (const id of awarenessClientIds(decoding.readVarUint8Array(decoder))) {
				this.awarenessIds.add(id);
			}
			return;
		}
		if (type !== SYNC) return;
		const subtype = decoding.readVarUint(decoder);
		const payload = decoding.readVarUint8Array(decoder);
		if (subtype === STEP_1) {
			for (const [client, clock] of Y.decodeStateVector(payload)) this.#advance(client, clock);
			this.#opened = true;
			return;
		}
		// A step 2 (the answer to a step 1 the fuzzer sent) or an update another connection made.
		for (const [client, clock] of Y.parseUpdateMeta(payload).to) this.#advance(client, clock);
	}

	#advance(client: number, clock: number): void {
		if (clock > (this.stateVector.get(client) ?? 0)) this.stateVector.set(client, clock);
	}

	#until(condition: () => boolean): Promise<void> {
		if (condition()) return Promise.resolve();
		return new Promise((resolve) => {
			this.#onEvent = () => {
				if (!condition()) return;
				this.#onEvent = null;
				resolve();
			};
		});
	}
}
