/**
 * Updates that build on edits the server has not received. Yjs would hold them back (its pending
 * structs and deletions) and integrate them later, when what they wait for arrives — in the
 * middle of some other update, where no rule checks them: a partner could park a deletion of the
 * facilitator's next edit, or a write into a facilitator-only map, and have it land later. So the
 * room keeps nothing pending: an update that leaves something pending is dropped, and its sender
 * reconnects (4002), which sends what the server is missing in order. Honest clients get there
 * only by racing their sync handshake (an edit sent just before the client's sync step 2).
 * What is pending is also kept out of what the server sends and stores.
 */
import * as Y from 'yjs';

/** Bytes of pending structs and deletions the document holds. */
export function pendingBytes(doc: Y.Doc): number {
	return (doc.store.pendingStructs?.update.length ?? 0) + (doc.store.pendingDs?.length ?? 0);
}

/** Whether applying `update` left part of it pending: structs or deletions beyond what is known. */
export function leftPending(doc: Y.Doc, update: ReturnType<typeof Y.decodeUpdate>): boolean {
	const known = (client: number) => Y.getState(doc.store, client);
	const waiting = (struct: (typeof update.structs)[number]) =>
		!(struct instanceof Y.Skip) && struct.id.clock + struct.length > known(struct.id.client);
	if (update.structs.some(waiting)) return true;
	for (const [client, deletions] of update.ds.clients) {
		if (deletions.some(({ clock, len }) => clock + len > known(client))) return true;
	}
	return false;
}

/**
 * Forgets what is pending. Safe: it was never integrated, so never logged or relayed; a client
 * that holds what it builds on can send it again.
 */
export function dropPending(doc: Y.Doc): void {
	doc.store.pendingStructs = null;
	doc.store.pendingDs = null;
}

/**
 * The document as an update, or only what a peer at `stateVector` is missing, without anything
 * pending: Y.encodeStateAsUpdate with the pending parts set aside while it runs.
 */
export function encodeIntegratedState(doc: Y.Doc, stateVector?: Uint8Array): Uint8Array {
	const { pendingStructs, pendingDs } = doc.store;
	dropPending(doc);
	try {
		return Y.encodeStateAsUpdate(doc, stateVector);
	} finally {
		doc.store.pendingStructs = pendingStructs;
		doc.store.pendingDs = pendingDs;
	}
}
