/** Limits of the sync server, documented in docs/sync-protocol.md. */

/** Largest frame accepted; a larger one closes the connection with 1009. */
export const MAX_PAYLOAD_BYTES = 16 * 1024 * 1024;
/**
 * Largest frame read from a refused socket (one closed with 4401, 4403, 4404 or 4500 right after
 * the handshake): enough for the client's close frame, nothing more is ever buffered for it.
 */
export const REFUSED_MAX_PAYLOAD_BYTES = 125;
/** A peer that has not answered our close frame within this is disconnected without waiting more. */
export const CLOSE_HANDSHAKE_TIMEOUT_MS = 2_000;
/** A connection whose unsent data exceeds this is closed (1013) instead of buffering without end. */
export const MAX_BUFFERED_BYTES = 32 * 1024 * 1024;
/**
 * Entries one awareness message may hold. A stock client sends back every awareness change it
 * hears of, so an honest message can name everyone on the board; no board holds this many.
 */
export const MAX_AWARENESS_ENTRIES = 10_000;
/** Largest awareness state (as JSON) a connection may announce; a larger one is malformed. */
export const MAX_AWARENESS_STATE_BYTES = 16 * 1024;
/** Awareness client ids one connection may announce (the stock client uses one). */
export const MAX_AWARENESS_CLIENTS_PER_CONNECTION = 8;
/** Awareness updates per second a connection may have relayed once its burst is spent. */
export const AWARENESS_UPDATES_PER_SECOND = 10;
/** Awareness updates a connection may send in a quick burst before it is throttled. */
export const AWARENESS_BURST = 30;
/** Update log entries after which a board is compacted into its snapshot. */
export const COMPACT_AFTER_UPDATES = 500;
/** How often open connections are re-checked against memberships, sessions and tokens. */
export const ACCESS_CHECK_INTERVAL_MS = 2_000;
/** How often connections are pinged; one that misses a whole interval is dropped. */
export const HEARTBEAT_INTERVAL_MS = 30_000;
