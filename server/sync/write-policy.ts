/**
 * Who may change which part of a board. The board document's top-level maps are owned by roles:
 * partners write cards and actions; the workshop's settings (meta, pillars, partner
 * organisations) and any top-level name we do not know are for facilitators only. Observers write
 * nothing (their updates are dropped before this is asked).
 *
 * The check runs on a decoded update before it is applied: for every item the update inserts and
 * every item it deletes, it finds the top-level map the item lives under, through the room's
 * document or the update itself. Items that cannot be placed are harmless: one whose parent was
 * garbage-collected is collected too when applied, and one whose parent has not arrived is held
 * back by Yjs until it does — and that parent is checked when it comes.
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

/** Finds the top-level names an update would change (only the ones that can be placed). */
export function rootsChangedBy(doc: Y.Doc, update: DecodedUpdate): Set<string> {
	const incoming = new Map<number, Struct[]>();
	for (const struct of update.structs) {
		const list = incoming.get(struct.id.client) ?? [];
		list.push(struct);
		incoming.set(struct.id.client, list);
	}
	const fromDoc = (id: IdLike) => findStruct(doc.store.clients.get(id.client), id);
	const fromUpdate = (id: IdLike) => findStruct(incoming.get(id.client), id);

	/** The root of an item already in the document. */
	const rootOfIntegrated = (item: Y.Item): string | null => {
		let type = item.parent as Y.AbstractType<unknown> | null;
		while (type?._item) type = type._item.parent as Y.AbstractType<unknown> | null;
		return type ? Y.findRootTypeKey(type) : null;
	};

	/** The root of an item from the update, found through its parent or a neighbour. */
	const rootOfIncoming = (item: Y.Item, depth = 0): string | null => {
		if (depth > 10_000) return null;
		const parent: unknown = item.parent;
		if (typeof parent === 'string') return parent;
		const via = isId(parent) ? parent : (item.origin ?? item.rightOrigin);
		if (!via) return null;
		const known = fromDoc(via);
		if (known) return known instanceof Y.Item ? rootOfIntegrated(known) : null;
		const sibling = fromUpdate(via);
		return sibling instanceof Y.Item && sibling !== item
			? rootOfIncoming(sibling, depth + 1)
			: null;
	};

	const roots = new Set<string>();
	const add = (root: string | null) => {
		if (root !== null) roots.add(root);
	};
	for (const struct of update.structs) {
		if (struct instanceof Y.Item) add(rootOfIncoming(struct));
	}
	for (const [client, deletions] of update.ds.clients) {
		const structs = doc.store.clients.get(client);
		if (!structs) continue;
		for (const { clock, len } of deletions) {
			if (!findStruct(structs, { client, clock })) continue;
			for (let i = Y.findIndexSS(structs, clock); i < structs.length; i++) {
				const struct = structs[i];
				if (struct.id.clock >= clock + len) break;
				if (struct instanceof Y.Item) add(rootOfIntegrated(struct));
			}
		}
	}
	return roots;
}

/** The first top-level name in `roots` that `role` may not change, or null if it may change all. */
export function forbiddenRoot(role: Exclude<Role, 'observer'>, roots: Set<string>): string | null {
	const writable = WRITABLE_ROOTS[role];
	if (writable === 'all') return null;
	for (const root of roots) if (!writable.has(root)) return root;
	return null;
}
