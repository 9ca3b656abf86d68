/**
 * Awareness (presence) as it arrives from one connection: decoded within limits, made trustworthy
 * (the authenticated identity is stamped on every state), and throttled, so that one client's
 * flood cannot drown everyone else's presence.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import {
	AWARENESS_BURST,
	AWARENESS_UPDATES_PER_SECOND,
	MAX_AWARENESS_ENTRIES,
	MAX_AWARENESS_STATE_BYTES
} from './limits.ts';
import { MalformedMessage } from './protocol-errors.ts';
import { TokenBucket } from './token-bucket.ts';
import type { Identity } from './room.ts';

/** One client id's state in an awareness update (null: the client has left). */
export interface AwarenessEntry {
	clientId: number;
	clock: number;
	state: Record<string, unknown> | null;
}

/** An awareness state with `user` overwritten by the authenticated identity. */
function stampIdentity(state: unknown, identity: Identity): Record<string, unknown> {
	if (typeof state !== 'object' || state === null || Array.isArray(state)) {
		throw new MalformedMessage('awareness state is not an object');
	}
	const record = state as Record<string, unknown>;
	const claimed = typeof record.user === 'object' && record.user !== null ? record.user : {};
	return {
		...record,
		user: { ...claimed, id: identity.userId, name: identity.name, role: identity.role }
	};
}

const utf8 = new TextDecoder();

/**
 * Decodes the entries of an awareness update a connection sent that `isOwn` accepts, with the
 * connection's identity stamped on each state. The others are skipped without being parsed: a
 * stock y-websocket client sends back every awareness change it hears of, everyone else's
 * included. Throws MalformedMessage, before anything is applied, for an update with more than
 * MAX_AWARENESS_ENTRIES entries or bytes left over, or an own state that is larger than
 * MAX_AWARENESS_STATE_BYTES or is not a JSON object or null.
 */
export function readAwarenessEntries(
	update: Uint8Array,
	identity: Identity,
	isOwn: (clientId: number, clock: number) => boolean
): AwarenessEntry[] {
	const decoder = decoding.createDecoder(update);
	const count = decoding.readVarUint(decoder);
	if (count > MAX_AWARENESS_ENTRIES) throw new MalformedMessage('too many awareness entries');
	const entries: AwarenessEntry[] = [];
	for (let i = 0; i < count; i++) {
		const clientId = decoding.readVarUint(decoder);
		const clock = decoding.readVarUint(decoder);
		const json = decoding.readVarUint8Array(decoder);
		if (!isOwn(clientId, clock)) continue;
		if (json.length > MAX_AWARENESS_STATE_BYTES) {
			throw new MalformedMessage('awareness state too large');
		}
		let state: unknown;
		try {
			state = JSON.parse(utf8.decode(json));
		} catch {
			throw new MalformedMessage('awareness state is not JSON');
		}
		entries.push({
			clientId,
			clock,
			state: state === null ? null : stampIdentity(state, identity)
		});
	}
	if (decoding.hasContent(decoder)) throw new MalformedMessage('trailing awareness bytes');
	return entries;
}

/** Encodes entries as an awareness update (the payload of an awareness message). */
export function encodeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, entries.length);
	for (const { clientId, clock, state } of entries) {
		encoding.writeVarUint(encoder, clientId);
		encoding.writeVarUint(encoder, clock);
		encoding.writeVarString(encoder, JSON.stringify(state));
	}
	return encoding.toUint8Array(encoder);
}

/**
 * Lets one connection's awareness through at AWARENESS_UPDATES_PER_SECOND after a burst of
 * AWARENESS_BURST. What arrives faster is held back, only the latest entry per client id, and let
 * through as soon as the rate allows: a flood costs others almost nothing, and the flooder's
 * latest state still wins.
 */
export class AwarenessThrottle {
	readonly #bucket = new TokenBucket(AWARENESS_UPDATES_PER_SECOND, AWARENESS_BURST);
	readonly #held = new Map<number, AwarenessEntry>();
	readonly #apply: (entries: AwarenessEntry[]) => void;
	#timer: ReturnType<typeof setTimeout> | null = null;

	/** `apply` receives the entries let through, in order. */
	constructor(apply: (entries: AwarenessEntry[]) => void) {
		this.#apply = apply;
	}

	/** Client ids of the entries held back. */
	heldIds(): IterableIterator<number> {
		return this.#held.keys();
	}

	/** Applies `entries` now if the rate allows, else holds them back. */
	offer(entries: AwarenessEntry[]): void {
		if (this.#held.size === 0 && this.#bucket.take()) {
			this.#apply(entries);
			return;
		}
		for (const entry of entries) {
			this.#held.delete(entry.clientId);
			this.#held.set(entry.clientId, entry);
		}
		this.#schedule();
	}

	/** Drops whatever is held back (the connection has gone). */
	stop(): void {
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
		this.#held.clear();
	}

	#schedule(): void {
		if (this.#timer || this.#held.size === 0) return;
		this.#timer = setTimeout(this.#release, this.#bucket.msUntilToken());
		this.#timer.unref();
	}

	#release = (): void => {
		this.#timer = null;
		if (!this.#bucket.take()) {
			this.#schedule();
			return;
		}
		const entries = [...this.#held.values()];
		this.#held.clear();
		this.#apply(entries);
	};
}
