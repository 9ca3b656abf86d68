/** Limits of the sync server, documented in docs/sync-protocol.md. */

/** Largest frame accepted; a larger one closes the connection with 1009. */
export const MAX_PAYLOAD_BYTES = 16 * 1024 * 1024;
/** A connection whose unsent data exceeds this is closed (1013) instead of buffering without end. */
export const MAX_BUFFERED_BYTES = 32 * 1024 * 1024;
/** Update log entries after which a board is compacted into its snapshot. */
export const COMPACT_AFTER_UPDATES = 500;
/** How often open connections are re-checked against memberships, sessions and tokens. */
export const ACCESS_CHECK_INTERVAL_MS = 2_000;
/** How often connections are pinged; one that misses a whole interval is dropped. */
export const HEARTBEAT_INTERVAL_MS = 30_000;
