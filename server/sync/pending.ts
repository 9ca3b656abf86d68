/**
 * Updates a board holds back because what they build on has not arrived. Yjs keeps them (its
 * pending structs and deletions) in memory for as long as that takes, merges every later update
 * into them, retries them whenever a missing client advances, and adds them to every state it
 * encodes. So the server bounds them (MAX_PENDING_BYTES), and keeps them out of what it sends to
 * clients and what it stores: only what it has integrated (and logged) leaves the room.
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
