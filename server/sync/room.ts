/**
 * One board's live session: its Y.Doc, awareness and connections. Speaks the y-websocket
 * protocol. Every document update is appended to the store before it is relayed to anyone.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { WebSocket } from 'ws';
import { loadBoardDoc, type BoardStore } from '../../src/lib/server/board-store.ts';
import type { Role } from '../../src/lib/server/db/schema.ts';
import { CLOSE, CLOSE_REASON } from './close-codes.ts';
import { closeSocket } from './close-socket.ts';
import { InlineCompactor, type Compactor } from './compactor.ts';
import { messageHandled, threadCpuMs, type MessageHandled } from './diagnostics.ts';
import {
	COMPACT_AFTER_UPDATES,
	MAX_AWARENESS_CLIENTS_PER_CONNECTION,
	MAX_BUFFERED_BYTES
} from './limits.ts';
import {
	AwarenessThrottle,
	encodeAwarenessEntries,
	readAwarenessEntries,
	type AwarenessEntry
} from './presence.ts';
import {
	ConnectionRejected,
	ForbiddenPlanChange,
	ForbiddenWrite,
	LockedChange,
	MalformedMessage,
	OutOfOrder
} from './protocol-errors.ts';
import { dropPending, encodeIntegratedState, leftPending } from './pending.ts';
import { RefAssigner } from './refs.ts';
import { updateShapeProblem } from './update-shape.ts';
import { lockProblem } from './lock-policy.ts';
import { parkingChangeProblem } from './parking-policy.ts';
import { planChangeProblem } from './plan-policy.ts';
import { voteChangeProblem } from './vote-policy.ts';
import { changesBy, forbiddenRoot } from './write-policy.ts';

/** y-websocket message types (first varint of every frame). */
export const MESSAGE = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3 } as const;

/** How a connection signed in: the stored id (a hash) of its session or API token. */
export interface Credential {
	kind: 'session' | 'token';
	id: string;
}

/** Who is on the other end of a connection, as established on upgrade. */
export interface Identity {
	userId: string;
	name: string;
	/** Kept current by the access check: a changed role applies to the very next message. */
	role: Role;
	/** The partner organisation the member speaks for (kept current like the role). */
	partnerId: string | null;
	credential: Credential;
}

/** A joined connection. */
export interface Connection {
	readonly socket: WebSocket;
	readonly identity: Identity;
	/** Awareness client ids this connection has announced (removed when it leaves). */
	readonly awarenessIds: Set<number>;
	/** Holds back this connection's awareness when it comes too fast. */
	readonly awarenessThrottle: AwarenessThrottle;
}

export interface RoomHooks {
	/** Called when the room should be unloaded: its last connection left, or storage failed. */
	onDone(room: Room): void;
	/** Called after each append (for metrics and tests). */
	afterStore?(room: Room, updateId: number): void;
}

export class Room {
	readonly workshopId: string;
	readonly doc: Y.Doc;
	readonly awareness: awarenessProtocol.Awareness;
	readonly connections = new Map<WebSocket, Connection>();
	readonly #store: BoardStore;
	readonly #hooks: RoomHooks;
	readonly #compactor: Compactor;
	/** Which connection announced each awareness client id: only it may change that entry. */
	readonly #awarenessOwners = new Map<number, Connection>();
	/** The server gives action refs, in one order for everyone (refs.ts). */
	readonly #refs: RefAssigner;
	#lastStoredId = 0;
	#updatesSinceCompaction: number;

	/** Loads the board from the store; throws BoardLoadError if its stored data is unusable. */
	constructor(
		workshopId: string,
		store: BoardStore,
		hooks: RoomHooks,
		compactor: Compactor = new InlineCompactor(store)
	) {
		this.workshopId = workshopId;
		this.#store = store;
		this.#hooks = hooks;
		this.#compactor = compactor;
		const loaded = loadBoardDoc(store, workshopId);
		this.doc = loaded.doc;
		this.#lastStoredId = loaded.lastUpdateId;
		this.#updatesSinceCompaction = loaded.logLength;
		this.#refs = new RefAssigner(this.doc);
		this.awareness = new awarenessProtocol.Awareness(this.doc);
		this.awareness.setLocalState(null);
		this.doc.on('update', this.#onDocUpdate);
		this.awareness.on('update', this.#onAwarenessUpdate);
	}

	/** Adds a connection and starts the sync handshake (server's step 1 and current awareness). */
	join(socket: WebSocket, identity: Identity): Connection {
		const connection: Connection = {
			socket,
			identity,
			awarenessIds: new Set(),
			awarenessThrottle: new AwarenessThrottle((entries) =>
				this.#applyAwareness(connection, entries)
			)
		};
		this.connections.set(socket, connection);
		socket.on('message', (data: Buffer, isBinary: boolean) => {
			this.#receive(connection, data, isBinary);
		});
		socket.on('close', () => this.#leave(connection));
		socket.on('error', () => socket.terminate());

		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, MESSAGE.sync);
		syncProtocol.writeSyncStep1(encoder, this.doc);
		this.#send(connection, encoding.toUint8Array(encoder));
		const states = this.awareness.getStates();
		if (states.size > 0) {
			this.#send(connection, this.#encodeAwareness([...states.keys()]));
		}
		return connection;
	}

	/** Closes every connection with the given code (they will reconnect to a fresh room). */
	closeAll(code: number, reason: string): void {
		for (const connection of this.connections.values()) connection.socket.close(code, reason);
	}

	/** Asks the compactor to fold the stored log, up to this room's last update, into the snapshot. */
	compact(): void {
		if (this.#updatesSinceCompaction === 0) return;
		this.#compactor.request(this.workshopId, this.#lastStoredId);
		this.#updatesSinceCompaction = 0;
	}

	/** Releases the document and awareness; the room must not be used afterwards. */
	destroy(): void {
		this.doc.off('update', this.#onDocUpdate);
		this.awareness.off('update', this.#onAwarenessUpdate);
		this.awareness.destroy();
		this.doc.destroy();
	}

	#receive(connection: Connection, data: Buffer, isBinary: boolean): void {
		// Frames that were already on their way when we closed the connection are not handled.
		if (connection.socket.readyState !== WebSocket.OPEN) return;
		const measured = messageHandled.hasSubscribers;
		const started = measured ? performance.now() : 0;
		const cpuAtStart = measured ? threadCpuMs() : 0;
		let rejected = false;
		try {
			if (!isBinary) throw new MalformedMessage('text frame');
			const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
			const reply = this.#handle(connection, bytes);
			if (reply) this.#send(connection, reply);
		} catch (error) {
			// Anything a frame makes us throw ends that connection only; the room goes on. Not
			// logged: a hostile client must not be able to flood the logs.
			rejected = true;
			this.#reject(connection, error);
		}
		if (measured) {
			const event: MessageHandled = {
				workshopId: this.workshopId,
				ms: performance.now() - started,
				cpuMs: threadCpuMs() - cpuAtStart,
				rejected,
				kind: data[0] === MESSAGE.sync ? `${data[0]}/${data[1]}` : String(data[0] ?? 'empty'),
				bytes: data.byteLength
			};
			messageHandled.publish(event);
		}
	}

	/** Closes a connection for a frame it sent, and takes it out of the room at once. */
	#reject(connection: Connection, error: unknown): void {
		const { code, reason } =
			error instanceof ConnectionRejected
				? error
				: { code: CLOSE.malformed, reason: CLOSE_REASON.malformed };
		closeSocket(connection.socket, code, reason);
		this.#leave(connection);
	}

	/** Handles one frame; returns a reply to send back, if any. */
	#handle(connection: Connection, bytes: Uint8Array): Uint8Array | null {
		const decoder = decoding.createDecoder(bytes);
		const type = decoding.readVarUint(decoder);
		const encoder = encoding.createEncoder();
		switch (type) {
			case MESSAGE.sync: {
				encoding.writeVarUint(encoder, MESSAGE.sync);
				this.#handleSync(connection, decoder, encoder);
				break;
			}
			case MESSAGE.awareness: {
				const entries = readAwarenessEntries(
					decoding.readVarUint8Array(decoder),
					connection.identity,
					(clientId, clock) => this.#isOwnAwareness(connection, clientId, clock)
				);
				this.#offerAwareness(connection, entries);
				break;
			}
			case MESSAGE.queryAwareness:
				return this.#encodeAwareness([...this.awareness.getStates().keys()]);
			case MESSAGE.auth:
				// Authentication happens on upgrade; the in-band auth message is not used.
				return null;
			default:
				throw new MalformedMessage(`unknown message type ${type}`);
		}
		return encoding.length(encoder) > 1 ? encoding.toUint8Array(encoder) : null;
	}

	#handleSync(connection: Connection, decoder: decoding.Decoder, encoder: encoding.Encoder): void {
		const subtype = decoding.readVarUint(decoder);
		switch (subtype) {
			case syncProtocol.messageYjsSyncStep1: {
				const stateVector = decoding.readVarUint8Array(decoder);
				encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2);
				encoding.writeVarUint8Array(encoder, encodeIntegratedState(this.doc, stateVector));
				return;
			}
			case syncProtocol.messageYjsSyncStep2:
			case syncProtocol.messageYjsUpdate: {
				const update = decoding.readVarUint8Array(decoder);
				const role = connection.identity.role;
				// Observers may read but never write: their updates are dropped, unapplied.
				if (role === 'observer') return;
				let decoded;
				try {
					// Decode fully before applying, so a corrupt update cannot half-apply.
					decoded = Y.decodeUpdate(update);
				} catch {
					throw new MalformedMessage('corrupt update');
				}
				const problem = updateShapeProblem(decoded);
				if (problem !== null) throw new MalformedMessage(problem);
				if (role !== 'facilitator') this.#checkWrite(connection.identity, decoded);
				Y.applyUpdate(this.doc, update, connection);
				this.#refs.afterUpdate();
				if (leftPending(this.doc, decoded)) {
					// What it builds on has not arrived: nothing of it may wait in the room, where no
					// rule would check it when it fell into place (pending.ts).
					dropPending(this.doc);
					throw new OutOfOrder();
				}
				return;
			}
			default:
				throw new MalformedMessage(`unknown sync message ${subtype}`);
		}
	}

	/** Throws if a partner's update changes what partners may not (write, plan, parking, vote and lock policies). */
	#checkWrite(identity: Identity, update: ReturnType<typeof Y.decodeUpdate>): void {
		const changes = changesBy(this.doc, update);
		const roots = new Set(changes.map((change) => change.place.root));
		const forbidden = forbiddenRoot('partner', roots);
		if (forbidden !== null) throw new ForbiddenWrite(forbidden);
		const problem =
			planChangeProblem(this.doc, changes, identity) ?? parkingChangeProblem(this.doc, changes);
		if (problem !== null) throw new ForbiddenPlanChange(problem);
		const locked = lockProblem(this.doc, changes);
		if (locked !== null) throw new LockedChange(locked);
		const forged = voteChangeProblem(this.doc, changes);
		if (forged !== null) throw new ForbiddenPlanChange(forged);
	}

	/**
	 * Whether an awareness entry a connection sent is its own: for a client id it announced, or
	 * a new announcement (an id nobody holds, with a clock newer than any seen for it). Entries
	 * for ids another connection announced are dropped, so no one can impersonate or erase
	 * someone else's presence; and so are stale ones, such as the stock client's echoes of
	 * others' states (the identity is stamped on the rest).
	 */
	#isOwnAwareness(connection: Connection, clientId: number, clock: number): boolean {
		const owner = this.#awarenessOwners.get(clientId);
		if (owner !== undefined) return owner === connection;
		const known = this.awareness.meta.get(clientId);
		return known === undefined || clock > known.clock;
	}

	/** Lets a connection's own awareness entries through its throttle; it may hold only a few ids. */
	#offerAwareness(connection: Connection, entries: AwarenessEntry[]): void {
		if (entries.length === 0) return;
		const ids = new Set([
			...connection.awarenessIds,
			...connection.awarenessThrottle.heldIds(),
			...entries.filter((entry) => entry.state !== null).map((entry) => entry.clientId)
		]);
		if (ids.size > MAX_AWARENESS_CLIENTS_PER_CONNECTION) {
			throw new MalformedMessage('too many awareness clients');
		}
		connection.awarenessThrottle.offer(entries);
	}

	/** Applies awareness entries the throttle let through (ownership may have changed since). */
	#applyAwareness(connection: Connection, entries: AwarenessEntry[]): void {
		if (this.connections.get(connection.socket) !== connection) return;
		const own = entries.filter(({ clientId }) => {
			const owner = this.#awarenessOwners.get(clientId);
			return owner === undefined || owner === connection;
		});
		if (own.length === 0) return;
		awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(own), connection);
	}

	/** Stores, then relays: an update anyone receives is already durable. */
	#onDocUpdate = (update: Uint8Array, origin: unknown): void => {
		try {
			this.#lastStoredId = this.#store.append(this.workshopId, update);
		} catch (error) {
			// Not stored means not relayed. Drop the room so that memory never runs ahead of
			// storage; clients keep the edit locally and send it again when they reconnect.
			console.error(`[sync] could not store an update of ${this.workshopId}:`, error);
			this.closeAll(CLOSE.boardUnavailable, CLOSE_REASON.boardUnavailable);
			this.#hooks.onDone(this);
			return;
		}
		this.#updatesSinceCompaction++;
		this.#hooks.afterStore?.(this, this.#lastStoredId);
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, MESSAGE.sync);
		syncProtocol.writeUpdate(encoder, update);
		const message = encoding.toUint8Array(encoder);
		for (const connection of this.connections.values()) {
			if (connection !== origin) this.#send(connection, message);
		}
		if (this.#updatesSinceCompaction >= COMPACT_AFTER_UPDATES) this.compact();
	};

	#onAwarenessUpdate = (
		{ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
		origin: unknown
	): void => {
		const changed = [...added, ...updated, ...removed];
		const connection = this.#asConnection(origin);
		if (connection) {
			for (const id of added) {
				connection.awarenessIds.add(id);
				this.#awarenessOwners.set(id, connection);
			}
		}
		for (const id of removed) {
			this.#awarenessOwners.get(id)?.awarenessIds.delete(id);
			this.#awarenessOwners.delete(id);
		}
		const message = this.#encodeAwareness(changed);
		for (const other of this.connections.values()) this.#send(other, message);
	};

	/** The connection a transaction origin stands for, if it is one of ours. */
	#asConnection(origin: unknown): Connection | null {
		if (typeof origin !== 'object' || origin === null || !('socket' in origin)) return null;
		const connection = this.connections.get(origin.socket as WebSocket);
		return connection === origin ? connection : null;
	}

	#encodeAwareness(clients: number[]): Uint8Array {
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, MESSAGE.awareness);
		encoding.writeVarUint8Array(
			encoder,
			awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients)
		);
		return encoding.toUint8Array(encoder);
	}

	#send(connection: Connection, message: Uint8Array): void {
		const { socket } = connection;
		if (socket.readyState !== WebSocket.OPEN) return;
		if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
			socket.close(CLOSE.tooSlow, CLOSE_REASON.tooSlow);
			return;
		}
		socket.send(message, { binary: true }, (error) => {
			if (error) socket.terminate();
		});
	}

	#leave(connection: Connection): void {
		if (!this.connections.delete(connection.socket)) return;
		connection.awarenessThrottle.stop();
		if (connection.awarenessIds.size > 0) {
			awarenessProtocol.removeAwarenessStates(this.awareness, [...connection.awarenessIds], null);
		}
		if (this.connections.size === 0) this.#hooks.onDone(this);
	}
}
