/**
 * Who may change which part of a board. The board document's top-level maps are owned by roles:
 * partners write cards and actions; the workshop's settings (meta, pillars, partner
 * organisations) and any top-level name we do not know are for facilitators only. Observers write
 * nothing (their updates are dropped before this is asked).
 *
 * The check runs on a decoded update before it is applied: for every item the update inserts and
 * every item it deletes, it finds the top-level map the item lives under, through the room's
 * document or the update itself. Items that cannot be placed are left out: one whose parent was
 * garbage-collected is collected too when applied, and one that builds on something the server
 * has not received would be left pending by Yjs, which the room never allows (pending.ts): the
 * update is dropped and its sender reconnects.
 */
import * as Y from 'yjs';
import type { Role } from '../../src/lib/server/db/schema.ts';
import { ROOT } from '../../src/lib/board/board-doc.ts';

/** Top-level maps each role may change; a name not listed anywhere is facilitator-only. */
const WRITABLE_ROOTS: Record<Exclude<Role, 'observer'>, 'all' | ReadonlySet<string>> = {
	facilitator: 'all',
	partner: new Set([ROOT.cards, ROOT.actions])
};

type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;
type Struct = DecodedUpdate['structs'][number];
type IdLike = { client: number; clock: number };

/** The struct of a document or an update that holds `id`, or null. */
function findStruct(structs: readonly Struct[] | undefined, id: IdLike): Struct | null {
	if (!structs || structs.length === 0) return null;
	const last = structs[structs.length - 1];
	if (id.clock < structs[0].id.clock || id.clock >= last.id.clock + last.length) return null;
	return structs[Y.findIndexSS(structs as Y.Item[], id.clock)] ?? null;
}

function isId(value: unknown): value is IdLike {
	return typeof value === 'object' && value !== null && 'client' in value && 'clock' in value;
}

/** Where an item sits: its top-level name, then the map keys from there down to it. */
export interface Place {
	root: string;
	/** Map keys from the root down, e.g. `[actionId, 'approval']`; list positions are skipped. */
	keys: string[];
}

/** One item an update inserts or deletes, where it sits, and what it holds. */
export interface Change {
	kind: 'insert' | 'delete';
	place: Place;
	/**
	 * What the item holds: a plain value (set in a map or put in a list), a piece of text, or
	 * undefined for a nested type (a map, a text, …) and anything else.
	 */
	value: unknown;
}

function valueOf(item: Y.Item): unknown {
	const content: unknown = item.content;
	if (content instanceof Y.ContentAny) return content.arr[0];
	if (content instanceof Y.ContentString) return content.str;
	return undefined;
}

/**
 * Every item an update would insert or delete that can be placed, with where it sits. Items
 * that cannot be placed are left out (see the module comment: they are harmless).
 */
export function changesBy(doc: Y.Doc, update: DecodedUpdate): Change[] {
	const incoming = new Map<number, Struct[]>();
	for (const struct of update.structs) {
		const list = incoming.get(struct.id.client) ?? [];
		list.push(struct);
		incoming.set(struct.id.client, list);
	}
	const fromDoc = (id: IdLike) => findStruct(doc.store.clients.get(id.client), id);
	const fromUpdate = (id: IdLike) => findStruct(incoming.get(id.client), id);

	/** The place of an item already in the document. */
	const placeOfIntegrated = (item: Y.Item): Place | null => {
		const keys: string[] = [];
		let current: Y.Item | null = item;
		let type: Y.AbstractType<unknown> | null = null;
		while (current) {
			if (current.parentSub !== null) keys.unshift(current.parentSub);
			type = current.parent as Y.AbstractType<unknown> | null;
			current = type?._item ?? null;
		}
		return type ? { root: Y.findRootTypeKey(type), keys } : null;
	};

	const below = (place: Place | null, item: Y.Item): Place | null =>
		place && item.parentSub !== null
			? { root: place.root, keys: [...place.keys, item.parentSub] }
			: place;

	/** The place of an item from the update, through its parent or a neighbour. */
	const placeOfIncoming = (item: Y.Item, depth = 0): Place | null => {
		if (depth > 10_000) return null;
		const parent: unknown = item.parent;
		if (typeof parent === 'string') return below({ root: parent, keys: [] }, item);
		if (isId(parent)) {
			const known = fromDoc(parent);
			if (known) return known instanceof Y.Item ? below(placeOfIntegrated(known), item) : null;
			const type = fromUpdate(parent);
			return type instanceof Y.Item && type !== item
				? below(placeOfIncoming(type, depth + 1), item)
				: null;
		}
		// No parent info: the item sits beside its origin, in the same parent under the same key.
		const via = item.origin ?? item.rightOrigin;
		if (!via) return null;
		const known = fromDoc(via);
		if (known) return known instanceof Y.Item ? placeOfIntegrated(known) : null;
		const sibling = fromUpdate(via);
		return sibling instanceof Y.Item && sibling !== item
			? placeOfIncoming(sibling, depth + 1)
			: null;
	};

	const changes: Change[] = [];
	for (const struct of update.structs) {
		if (!(struct instanceof Y.Item)) continue;
		const place = placeOfIncoming(struct);
		if (place) changes.push({ kind: 'insert', place, value: valueOf(struct) });
	}
	for (const [client, deletions] of update.ds.clients) {
		const structs = doc.store.clients.get(client);
		if (!structs) continue;
		for (const { clock, len } of deletions) {
			if (!findStruct(structs, { client, clock })) continue;
			for (let i = Y.findIndexSS(structs, clock); i < structs.length; i++) {
				const struct = structs[i];
				if (struct.id.clock >= clock + len) break;
				if (!(struct instanceof Y.Item) || struct.deleted) continue;
				const place = placeOfIntegrated(struct);
				if (place) changes.push({ kind: 'delete', place, value: valueOf(struct) });
			}
		}
	}
	return changes;
}

/** The top-level names an update would change (only the ones that can be placed). */
export function rootsChangedBy(doc: Y.Doc, update: DecodedUpdate): Set<string> {
	return new Set(changesBy(doc, update).map((change) => change.place.root));
}

/** The first top-level name in `roots` that `role` may not change, or null if it may change all. */
export function forbiddenRoot(role: Exclude<Role, 'observer'>, roots: Set<string>): string | null {
	const writable = WRITABLE_ROOTS[role];
	if (writable === 'all') return null;
	for (const root of roots) if (!writable.has(root)) return root;
	return null;
}
