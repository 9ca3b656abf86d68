/**
 * WebSocket close codes the sync server uses, documented in docs/sync-protocol.md. 1000–1015 are
 * the standard ones; 4000–4999 are ours, shaped after HTTP statuses. As y-websocket's client
 * does, 4400–4499 mean "do not reconnect" (fix something first); everything else is retried.
 */
export const CLOSE = {
	/** The member's role changed: the new role applies from now on; reconnect (and re-read it). */
	roleChanged: 4001,
	/**
	 * An update built on edits the server has not received (it was dropped): reconnect, and the
	 * sync handshake sends everything the server is missing, in order.
	 */
	outOfOrder: 4002,
	/** The server is shutting down or restarting; reconnect. */
	serviceRestart: 1012,
	/** A frame was larger than MAX_PAYLOAD_BYTES (sent by `ws` itself). */
	messageTooBig: 1009,
	/** A message could not be decoded, or broke the protocol (including a limit on awareness). */
	malformed: 4400,
	/** No valid session cookie or API token. */
	unauthenticated: 4401,
	/** Signed in, but not a member of this workshop (or no longer). */
	forbidden: 4403,
	/** No workshop with this id. */
	unknownBoard: 4404,
	/**
	 * An edit to a part of the board the facilitator has locked (it was dropped). The client must
	 * not resend it: ours loads the board afresh and says why (the reason is a sentence to show).
	 */
	locked: 4423,
	/** The client could not keep up with the room and fell too far behind; reconnect later. */
	tooSlow: 1013,
	/** The board's stored data could not be loaded; it is not served rather than served empty. */
	boardUnavailable: 4500
} as const;

/** Reasons sent with the close codes: short sentences a UI may show as they are. */
export const CLOSE_REASON = {
	serviceRestart: 'The server is restarting.',
	roleChanged: 'Your role in this workshop has changed.',
	signedOut: 'You have been signed out.',
	removed: 'You have been removed from this workshop.',
	forbiddenWrite: "Only facilitators may change the workshop's pillars and partner organisations.",
	malformed: 'The server could not read a message from this connection.',
	outOfOrder:
		'This connection sent edits ahead of what they build on; reconnecting sends them again.',
	unauthenticated: 'Sign in to open this board.',
	forbidden: 'You are not a member of this workshop.',
	unknownBoard: 'There is no workshop with this id.',
	tooSlow: 'This connection fell too far behind the board.',
	boardUnavailable:
		"This board's stored data could not be loaded. Ask the facilitator to contact support."
} as const;
