/**
 * Keeps open connections in step with who may be on each board. Every few seconds each loaded
 * room re-reads its members' roles and credentials, so a change made anywhere (a page, the CLI in
 * another process) reaches open sockets within ACCESS_CHECK_INTERVAL_MS: a removed member or a
 * revoked session is closed with a reason; a changed role or partner organisation applies to the
 * next message at once, and the socket is closed with a retryable code so the client re-reads
 * what it may do.
 */
import type { Db } from '../../src/lib/server/db/index.ts';
import { existingApiTokenIds } from '../../src/lib/server/auth/api-token.ts';
import { liveSessionIds } from '../../src/lib/server/auth/session.ts';
import { memberKey, membershipsIn } from '../../src/lib/server/members.ts';
import { CLOSE, CLOSE_REASON } from './close-codes.ts';
import type { Room } from './room.ts';
import type { Rooms } from './rooms.ts';

/**
 * Re-checks every connection of the given rooms against the database: three queries for all
 * rooms together, each binding its ids as one parameter (db/in-list.ts). A round of queries per
 * room, with a hundred boards open, held the event loop for over 100 ms every interval.
 */
export function checkAccess(db: Db, rooms: Iterable<Room>): void {
	const open = [...rooms].filter((room) => room.connections.size > 0);
	if (open.length === 0) return;
	const connections = open.flatMap((room) =>
		[...room.connections.values()].map((connection) => ({ room, connection }))
	);
	const ids = (kind: 'session' | 'token') =>
		connections
			.map(({ connection }) => connection.identity.credential)
			.filter((credential) => credential.kind === kind)
			.map((credential) => credential.id);
	const sessions = liveSessionIds(db, ids('session'));
	const tokens = existingApiTokenIds(db, ids('token'));
	const workshopIds = open.map((room) => room.workshopId);
	const members = membershipsIn(db, workshopIds);
	for (const { room, connection } of connections) {
		const { socket, identity } = connection;
		const { kind, id } = identity.credential;
		const member = members.get(memberKey(room.workshopId, identity.userId));
		if (!(kind === 'session' ? sessions : tokens).has(id)) {
			socket.close(CLOSE.unauthenticated, CLOSE_REASON.signedOut);
		} else if (!member) {
			socket.close(CLOSE.forbidden, CLOSE_REASON.removed);
		} else if (member.role !== identity.role || member.partnerId !== identity.partnerId) {
			identity.role = member.role;
			identity.partnerId = member.partnerId;
			socket.close(CLOSE.roleChanged, CLOSE_REASON.roleChanged);
		}
	}
}

/** Checks every loaded room now and then; returns the stopper. */
export function watchAccess(db: Db, rooms: Rooms, intervalMs: number): () => void {
	const timer = setInterval(() => {
		try {
			checkAccess(db, rooms.all());
		} catch (error) {
			console.error('[sync] could not check access to the open boards:', error);
		}
	}, intervalMs);
	timer.unref();
	return () => clearInterval(timer);
}
