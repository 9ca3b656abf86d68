/**
 * Random and mutated y-websocket frames for fuzzing the sync server. Everything comes from a
 * seeded generator, so a failing run can be replayed from its seed.
 */
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import { MESSAGE } from '../../server/sync/room.ts';

/** A small, fast, seeded pseudo-random generator (mulberry32). */
export class Random {
	#state: number;

	constructor(seed: number) {
		this.#state = seed >>> 0;
	}

	/** A float in [0, 1). */
	next(): number {
		let t = (this.#state = (this.#state + 0x6d2b79f5) >>> 0);
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	}

	/** An integer in [0, max). */
	int(max: number): number {
		return Math.floor(this.next() * max);
	}

	chance(probability: number): boolean {
		return this.next() < probability;
	}

	pick<T>(items: readonly T[]): T {
		return items[this.int(items.length)];
	}

	bytes(length: number): Uint8Array {
		const bytes = new Uint8Array(length);
		for (let i = 0; i < length; i++) bytes[i] = this.int(256);
		return bytes;
	}
}

/** The kinds of frame the fuzzer makes. */
export const FUZZ_KINDS = [
	'random bytes',
	'text',
	'huge length',
	'valid header, corrupt body',
	'mutated update',
	'mutated awareness',
	'random edit',
	'random awareness',
	'mutated state vector',
	'ignored message'
] as const;
export type FuzzKind = (typeof FUZZ_KINDS)[number];

export interface FuzzFrame {
	kind: FuzzKind;
	data: Uint8Array | string;
	/** The frame certainly breaks the protocol: the server must close its sender. */
	mustClose: boolean;
}

// The protocol's numbers, from where the server and y-protocols define them.
const { sync: SYNC, awareness: AWARENESS, auth: AUTH, queryAwareness: QUERY_AWARENESS } = MESSAGE;
const {
	messageYjsSyncStep1: STEP_1,
	messageYjsSyncStep2: STEP_2,
	messageYjsUpdate: UPDATE
} = syncProtocol;

/** Message headers (type, and sync subtype) a body can be put under. */
const HEADERS: readonly number[][] = [
	[SYNC, STEP_1],
	[SYNC, STEP_2],
	[SYNC, UPDATE],
	[AWARENESS],
	[AUTH],
	[QUERY_AWARENESS]
];

/** Varints that claim far more than any frame holds; the last overflows a safe integer. */
const HUGE_VARINTS: readonly Uint8Array[] = [
	Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0x07), // 2^31 - 1
	Uint8Array.of(0x80, 0x80, 0x80, 0x80, 0x10), // 2^32
	Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x0f), // 2^53 - 1
	Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f)
];

const INTERESTING_BYTES = [0x00, 0x01, 0x7f, 0x80, 0xff, 0x08, 0x0a, 0x77];

function concat(...parts: (Uint8Array | readonly number[])[]): Uint8Array {
	const length = parts.reduce((sum, part) => sum + part.length, 0);
	const out = new Uint8Array(length);
	let offset = 0;
	for (const part of parts) {
		out.set(part, offset);
		offset += part.length;
	}
	return out;
}

function withLength(bytes: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint8Array(encoder, bytes);
	return encoding.toUint8Array(encoder);
}

/** Reads a varint, or null if the bytes end first (as the server's decoder would throw). */
function readVarUint(bytes: Uint8Array, offset: number): { value: number; next: number } | null {
	let value = 0;
	let multiplier = 1;
	for (let i = offset; i < bytes.length; i++) {
		value += (bytes[i] & 0x7f) * multiplier;
		multiplier *= 128;
		if (bytes[i] < 0x80) return { value, next: i + 1 };
		if (value > Number.MAX_SAFE_INTEGER) return null;
	}
	return null;
}

/** Whether a binary frame's message type is unknown or unreadable: malformed for certain. */
function hasBadType(frame: Uint8Array): boolean {
	const type = readVarUint(frame, 0);
	return type === null || type.value > QUERY_AWARENESS;
}

/** Real updates and awareness updates, made by editing documents the way clients do. */
function buildCorpus(random: Random): { updates: Uint8Array[]; awareness: Uint8Array[] } {
	const updates: Uint8Array[] = [];
	const docs = [new Y.Doc(), new Y.Doc()];
	docs.forEach((doc, i) => {
		doc.clientID = 1_000_000 + random.int(1_000_000) + i;
		doc.on('update', (update: Uint8Array) => updates.push(update));
	});
	const [a, b] = docs;
	const cards = a.getMap<Y.Map<unknown>>('cards');
	for (let i = 0; i < 6; i++) {
		const card = new Y.Map<unknown>();
		card.set('id', `fuzz-card-${i}`);
		card.set('pillar', random.pick(['spend', 'land', 'work', 'finance', 'ownership']));
		card.set('text', new Y.Text(`Card ${i} ${'x'.repeat(random.int(40))}`));
		card.set('tags', Y.Array.from(['a', 'b']));
		cards.set(`fuzz-card-${i}`, card);
	}
	const text = cards.get('fuzz-card-0')!.get('text') as Y.Text;
	text.insert(3, 'inserted ');
	text.format(0, 4, { bold: true });
	text.delete(1, 2);
	cards.delete('fuzz-card-5');
	a.getMap('actions').set('fuzz-action', { title: 'An action', due: 12, done: false });
	a.getMap('pillars').set('fuzz-pillar', 'facilitators only');
	a.getArray('not-a-board-root').insert(0, [1, 'two', { three: 3 }, new Uint8Array([4])]);
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
	const shared = b.getMap<Y.Map<unknown>>('cards').get('fuzz-card-1')!.get('text') as Y.Text;
	shared.insert(0, 'concurrent ');
	b.getMap('cards').delete('fuzz-card-2');
	updates.push(Y.encodeStateAsUpdate(a), Y.encodeStateAsUpdate(b));

	const awareness: Uint8Array[] = [];
	const presence = new awarenessProtocol.Awareness(b);
	const states: Record<string, unknown>[] = [
		{ user: { name: 'Fuzz', colour: '#123456' } },
		{ user: { id: 'someone-else', name: 'Impostor', role: 'facilitator' }, cursor: [1, 2] },
		{ note: 'é ☃ \u0000', nested: { deep: [1, [2, [3]]] } },
		{}
	];
	for (const state of states) {
		presence.setLocalState(state);
		awareness.push(awarenessProtocol.encodeAwarenessUpdate(presence, [b.clientID]));
	}
	presence.setLocalState(null);
	awareness.push(awarenessProtocol.encodeAwarenessUpdate(presence, [b.clientID]));
	presence.destroy();
	for (const doc of docs) doc.destroy();
	return { updates, awareness };
}

/**
 * Random edits of a board-shaped document, one update each, as a client (buggy or not) could
 * send them: cards with text, tags, actions, deletions, and now and then a change partners may
 * not make.
 */
class EditStream {
	readonly #random: Random;
	readonly #seed: number;
	#restarts = 0;
	#doc: Y.Doc;
	#last: Uint8Array | null = null;

	constructor(random: Random, seed: number) {
		this.#random = random;
		this.#seed = seed;
		this.#doc = this.#newDoc();
	}

	get clientId(): number {
		return this.#doc.clientID;
	}

	/** Continues with a new, empty document under a new client id. */
	restart(): void {
		this.#restarts++;
		this.#doc.destroy();
		this.#doc = this.#newDoc();
	}

	/** Makes one random edit and returns its update. */
	next(): Uint8Array {
		this.#last = null;
		while (this.#last === null) this.#edit();
		return this.#last;
	}

	#newDoc(): Y.Doc {
		const doc = new Y.Doc();
		// Derived from the seed, so that a run can be replayed; distinct for every restart.
		doc.clientID = ((this.#seed * 7_919 + this.#restarts * 104_729) % 2 ** 31) + 1;
		doc.on('update', (update: Uint8Array) => (this.#last = update));
		return doc;
	}

	#edit(): void {
		const random = this.#random;
		const cards = this.#doc.getMap<Y.Map<unknown>>('cards');
		const key = `card-${random.int(12)}`;
		const card = cards.get(key);
		const text = card?.get('text');
		switch (random.int(10)) {
			case 0:
			case 1: {
				const created = new Y.Map<unknown>();
				created.set('id', key);
				created.set('pillar', random.pick(['spend', 'land', 'work']));
				created.set('text', new Y.Text('x'.repeat(random.int(30))));
				created.set('tags', Y.Array.from(['t']));
				cards.set(key, created);
				return;
			}
			case 2:
			case 3:
			case 4:
				if (text instanceof Y.Text) {
					text.insert(random.int(text.length + 1), random.pick(['a', 'bc', 'é', '☃', '\n']));
				}
				return;
			case 5:
				if (text instanceof Y.Text && text.length > 0) {
					const at = random.int(text.length);
					if (random.chance(0.5)) text.delete(at, 1 + random.int(text.length - at));
					else text.format(at, 1, { bold: random.chance(0.5) ? true : null });
				}
				return;
			case 6:
				if (card) cards.delete(key);
				return;
			case 7: {
				const tags = card?.get('tags');
				if (tags instanceof Y.Array) tags.insert(random.int(tags.length + 1), [random.int(100)]);
				return;
			}
			case 8:
				this.#doc.getMap('actions').set(`action-${random.int(5)}`, {
					title: 'An action',
					done: random.chance(0.5)
				});
				return;
			default:
				if (random.chance(0.03)) {
					this.#doc.getMap(random.pick(['pillars', 'meta', 'partners', 'other'])).set('k', 1);
				}
		}
	}
}

/** Makes fuzz frames of every kind, from one seed. */
export class FrameFuzzer {
	readonly #random: Random;
	readonly #corpus: { updates: Uint8Array[]; awareness: Uint8Array[] };
	readonly #edits: EditStream;
	readonly #knownIds: number[] = [];
	/** This fuzzer's own awareness client ids, and their clocks. */
	readonly #clocks = new Map<number, number>();
	/** An edit held back, to be sent after a later one (so that the later one pends). */
	#heldEdit: Uint8Array | null = null;

	constructor(seed: number) {
		this.#random = new Random(seed);
		this.#corpus = buildCorpus(this.#random);
		this.#edits = new EditStream(this.#random, seed);
		for (let i = 0; i < 3; i++) this.#clocks.set(seed * 8 + i, 0);
	}

	/**
	 * The next frame: a kind picked by weight, then made at random. Most frames are made from
	 * the protocol's structures (random edits, awareness entries, state vectors, some of them
	 * mutated or sent out of order), which reach deep into the handlers; the rest are byte-level
	 * garbage, which is turned away at the first decode. Each frame that closes its connection
	 * costs a new one, so garbage is the smaller share.
	 */
	next(serverState: ReadonlyMap<number, number> = new Map()): FuzzFrame {
		const roll = this.#random.int(1000);
		if (roll < 12) return this.#randomBytes();
		if (roll < 15) return this.#text();
		if (roll < 23) return this.#hugeLength();
		if (roll < 40) return this.#corruptBody();
		if (roll < 55) return this.#mutatedUpdate();
		if (roll < 67) return this.#mutatedAwareness();
		if (roll < 547) return this.#randomEdit();
		if (roll < 887) return this.#randomAwareness();
		if (roll < 917) return this.#mutatedStateVector(serverState);
		return this.#ignoredMessage();
	}

	/** Starts the random edits afresh: the edits so far were refused, so later ones would pend. */
	restartEdits(): void {
		this.#edits.restart();
	}

	/** Awareness client ids seen on the board (other people's), for impersonation attempts. */
	learnAwarenessIds(ids: Iterable<number>): void {
		for (const id of ids) if (this.#knownIds.length < 64) this.#knownIds.push(id);
	}

	#randomBytes(): FuzzFrame {
		const random = this.#random;
		const data = random.bytes(random.int(random.pick([1, 4, 16, 64, 512, 4096])));
		return { kind: 'random bytes', data, mustClose: hasBadType(data) };
	}

	#corruptBody(): FuzzFrame {
		const random = this.#random;
		const source = random.pick([...this.#corpus.updates, ...this.#corpus.awareness]);
		let body: Uint8Array;
		switch (random.int(3)) {
			case 0:
				body = random.bytes(random.int(64));
				break;
			case 1:
				body = source.slice(0, random.int(source.length));
				break;
			default:
				body = this.#flipBits(source, 1 + random.int(4));
		}
		const header = random.pick(HEADERS);
		const data = concat(header, random.chance(0.8) ? withLength(body) : body);
		return { kind: 'valid header, corrupt body', data, mustClose: false };
	}

	#mutatedUpdate(): FuzzFrame {
		const random = this.#random;
		const update = random.pick(this.#corpus.updates);
		const body = random.chance(0.85) ? this.#mutate(update) : update;
		let data = concat([SYNC, random.chance(0.7) ? UPDATE : STEP_2], withLength(body));
		if (random.chance(0.1)) data = this.#mutate(data);
		return { kind: 'mutated update', data, mustClose: hasBadType(data) };
	}

	#mutatedAwareness(): FuzzFrame {
		const random = this.#random;
		const update = random.pick(this.#corpus.awareness);
		const body = random.chance(0.85) ? this.#mutate(update) : update;
		let data = concat([AWARENESS], withLength(body));
		if (random.chance(0.1)) data = this.#mutate(data);
		return { kind: 'mutated awareness', data, mustClose: hasBadType(data) };
	}

	#hugeLength(): FuzzFrame {
		const random = this.#random;
		const huge = random.pick(HUGE_VARINTS);
		const tail = random.bytes(random.int(32));
		switch (random.int(3)) {
			case 0: {
				// The length of the message's payload: more than the frame holds.
				const header = random.pick(HEADERS.filter((h) => h[0] === SYNC || h[0] === AWARENESS));
				return { kind: 'huge length', data: concat(header, huge, tail), mustClose: true };
			}
			case 1: {
				// The number of awareness entries.
				const body = concat(huge, tail);
				return {
					kind: 'huge length',
					data: concat([AWARENESS], withLength(body)),
					mustClose: true
				};
			}
			default: {
				// A count or length inside an update.
				const update = random.pick(this.#corpus.updates);
				const at = random.int(update.length);
				const body = concat(update.subarray(0, at), huge, update.subarray(at + 1));
				return {
					kind: 'huge length',
					data: concat([SYNC, UPDATE], withLength(body)),
					mustClose: false
				};
			}
		}
	}

	#text(): FuzzFrame {
		const random = this.#random;
		const alphabet = ['{', '}', '"', 'a', '0', ' ', 'é', '☃', '\u0000', '\uffff'];
		let data = '';
		for (let i = random.int(64); i > 0; i--) data += random.pick(alphabet);
		return { kind: 'text', data, mustClose: true };
	}

	#randomEdit(): FuzzFrame {
		const random = this.#random;
		const variant = random.int(250);
		let update: Uint8Array;
		if (this.#heldEdit !== null && random.chance(0.5)) {
			update = this.#heldEdit;
			this.#heldEdit = null;
		} else if (variant === 0 && this.#heldEdit === null) {
			// Held back: the next edit or two arrive first and pend until this one comes.
			this.#heldEdit = this.#edits.next();
			update = this.#edits.next();
		} else if (variant === 1) {
			// The edits after a corrupted one would build on what the server may never have.
			update = this.#flipBits(this.#edits.next(), 1);
			this.#edits.restart();
		} else if (variant === 2) {
			update = random.pick(this.#corpus.updates);
		} else {
			update = this.#edits.next();
		}
		const data = concat([SYNC, random.chance(0.8) ? UPDATE : STEP_2], withLength(update));
		return { kind: 'random edit', data, mustClose: false };
	}

	#randomAwareness(): FuzzFrame {
		const random = this.#random;
		const own = [...this.#clocks.keys()];
		const count = random.chance(0.99) ? 1 + random.int(2) : random.int(12);
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, count);
		for (let i = 0; i < count; i++) {
			const roll = random.int(100);
			const clientId =
				roll < 96
					? random.pick(own)
					: roll < 98 && this.#knownIds.length > 0
						? random.pick(this.#knownIds)
						: random.int(2 ** 32);
			const clock =
				(this.#clocks.get(clientId) ?? random.int(1_000)) + (random.chance(0.9) ? 1 : 0);
			if (this.#clocks.has(clientId)) this.#clocks.set(clientId, clock);
			encoding.writeVarUint(encoder, clientId);
			encoding.writeVarUint(encoder, random.chance(0.02) ? 2 ** 40 : clock);
			encoding.writeVarString(encoder, this.#randomState());
		}
		const data = concat([AWARENESS], withLength(encoding.toUint8Array(encoder)));
		// Whether the server must refuse it depends on who holds which client id by then.
		return { kind: 'random awareness', data, mustClose: false };
	}

	/** An awareness state as JSON: mostly objects, sometimes what the server must refuse. */
	#randomState(): string {
		const random = this.#random;
		switch (random.int(64)) {
			case 0:
			case 1:
			case 2:
			case 3:
				return 'null';
			case 4:
				return random.pick(['[]', '"a"', '1', 'true', '{', '']);
			case 5:
				return JSON.stringify({ big: 'x'.repeat(20_000) });
			case 6:
				return JSON.stringify({ user: 'not an object', extra: [1, { a: null }] });
			default:
				return JSON.stringify({
					user: {
						name: random.pick(['Fuzz', 'The Mayor', '', 'é☃']),
						id: random.pick(['x', 'someone-else']),
						role: random.pick(['facilitator', 'observer', 'god']),
						colour: '#' + random.int(0xffffff).toString(16)
					},
					cursor: random.chance(0.5) ? { x: random.int(1000), y: random.int(1000) } : undefined
				});
		}
	}

	/** A step 1 whose state vector is the server's, with a few entries changed or added. */
	#mutatedStateVector(serverState: ReadonlyMap<number, number>): FuzzFrame {
		const random = this.#random;
		// Now and then an empty one, as a new client sends: the server then encodes everything.
		const entries = new Map(random.chance(0.02) ? [] : serverState);
		const clients = [...entries.keys()];
		for (let changes = random.int(4); changes > 0; changes--) {
			const client =
				clients.length > 0 && random.chance(0.6) ? random.pick(clients) : random.int(2 ** 32);
			const clock = entries.get(client) ?? 0;
			entries.set(
				client,
				random.pick([0, Math.max(0, clock - 1 - random.int(10)), clock + 1, 2 ** 50])
			);
		}
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, entries.size);
		for (const [client, clock] of entries) {
			encoding.writeVarUint(encoder, client);
			encoding.writeVarUint(encoder, clock);
		}
		const data = concat([SYNC, STEP_1], withLength(encoding.toUint8Array(encoder)));
		return { kind: 'mutated state vector', data, mustClose: false };
	}

	#ignoredMessage(): FuzzFrame {
		const random = this.#random;
		const data = concat([random.pick([AUTH, QUERY_AWARENESS])], random.bytes(random.int(32)));
		return { kind: 'ignored message', data, mustClose: false };
	}

	#flipBits(bytes: Uint8Array, count: number): Uint8Array {
		const out = bytes.slice();
		for (let i = 0; i < count && out.length > 0; i++) {
			out[this.#random.int(out.length)] ^= 1 << this.#random.int(8);
		}
		return out;
	}

	/** One to three random edits of the bytes, as a fuzzer of binary formats makes. */
	#mutate(bytes: Uint8Array): Uint8Array {
		const random = this.#random;
		let out: Uint8Array = bytes.slice();
		for (let edits = 1 + random.int(3); edits > 0; edits--) {
			const at = random.int(out.length + 1);
			switch (random.int(8)) {
				case 0:
					out = this.#flipBits(out, 1);
					break;
				case 1:
					if (at < out.length) out[at] = random.pick(INTERESTING_BYTES);
					break;
				case 2:
					out = out.slice(0, at);
					break;
				case 3:
					out = concat(out.subarray(0, at), out.subarray(at + 1 + random.int(8)));
					break;
				case 4:
					out = concat(out.subarray(0, at), random.bytes(1 + random.int(8)), out.subarray(at));
					break;
				case 5: {
					const from = random.int(out.length + 1);
					const slice = out.slice(from, from + 1 + random.int(16));
					out = concat(out.subarray(0, at), slice, out.subarray(at));
					break;
				}
				case 6: {
					const other = random.pick(this.#corpus.updates);
					const from = random.int(other.length);
					out = concat(out.subarray(0, at), other.subarray(from, from + 1 + random.int(32)));
					break;
				}
				default:
					out = concat(out.subarray(0, at), random.pick(HUGE_VARINTS), out.subarray(at + 1));
			}
		}
		return out;
	}
}
