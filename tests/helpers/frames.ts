/** Hand-built y-websocket frames, for speaking the protocol (well or badly) over a raw socket. */
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_QUERY_AWARENESS = 3;

/** A sync step 1 frame for a document's state vector (the server answers with step 2). */
export function syncStep1Frame(doc = new Y.Doc()): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_SYNC);
	syncProtocol.writeSyncStep1(encoder, doc);
	return encoding.toUint8Array(encoder);
}

/** A sync update frame carrying `update` as it is (valid or not). */
export function updateFrame(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_SYNC);
	syncProtocol.writeUpdate(encoder, update);
	return encoding.toUint8Array(encoder);
}

/** An awareness frame carrying `payload` as it is. */
export function awarenessFrame(payload: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
	encoding.writeVarUint8Array(encoder, payload);
	return encoding.toUint8Array(encoder);
}

/** A query-awareness frame: the server always answers it, which makes it a round-trip probe. */
export function queryAwarenessFrame(): Uint8Array {
	return Uint8Array.of(MESSAGE_QUERY_AWARENESS);
}

/** A valid update that sets `key` to `value` in the map `name`, made by a throwaway client. */
export function mapSetUpdate(name: string, key: string, value: string): Uint8Array {
	const doc = new Y.Doc();
	doc.getMap(name).set(key, value);
	return Y.encodeStateAsUpdate(doc);
}
