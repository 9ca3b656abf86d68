/**
 * What handling a frame may throw to end its connection. Each carries the close code and reason
 * sent to the client (docs/sync-protocol.md); anything else thrown while handling a frame is
 * treated as malformed.
 */
import { CLOSE, CLOSE_REASON } from './close-codes.ts';

/** A frame that ends its connection, with the close code and reason to send. */
export class ConnectionRejected extends Error {
	constructor(
		readonly code: number,
		readonly reason: string,
		detail: string
	) {
		super(detail);
		this.name = new.target.name;
	}
}

/** A frame that could not be decoded or breaks the protocol (4400). */
export class MalformedMessage extends ConnectionRejected {
	constructor(detail: string) {
		super(CLOSE.malformed, CLOSE_REASON.malformed, detail);
	}
}

/** An update that changes a part of the board the sender's role may not change (4403). */
export class ForbiddenWrite extends ConnectionRejected {
	constructor(root: string) {
		super(CLOSE.forbidden, CLOSE_REASON.forbiddenWrite, `may not change ${root}`);
	}
}

/** An update that changes a field of the plan the sender may not change (4403). */
export class ForbiddenPlanChange extends ConnectionRejected {
	constructor(reason: string) {
		super(CLOSE.forbidden, reason, reason);
	}
}

/** An update that changes a part of the board the facilitator has locked (4423). */
export class LockedChange extends ConnectionRejected {
	constructor(reason: string) {
		super(CLOSE.locked, reason, reason);
	}
}

/** An update that builds on edits the server has not received (4002: reconnect and resend). */
export class OutOfOrder extends ConnectionRejected {
	constructor() {
		super(CLOSE.outOfOrder, CLOSE_REASON.outOfOrder, 'update left pending');
	}
}
