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
import { membershipsOf } from '../../src/lib/server/members.ts';
import { CLOSE, CLOSE_REASON } from './close-codes.ts';
import type { Room } from './room.ts';
import type { Rooms } from './rooms.ts';

/** Re-checks one room's connections against the database. */
export function checkRoomAccess(db: Db, room: Room): void {
	const connections = [...room.connections.values()];
	if (connections.length === 0) return;
	const ids = (kind: 'session' | 'token') =>
		connections
			.filter((c) => c.identity.credential.kind === kind)
			.map((c) => c.identity.credential.id);
	const sessions = liveSessionIds(db, ids('session'));
	const tokens = existingApiTokenIds(db, ids('token'));
	const members = membershipsOf(db, room.workshopId, [
		...new Set(connections.map((c) => c.identity.userId))
	]);
	for (const { socket, identity } of connections) {
		const { kind, id } = identity.credential;
		const member = members.get(identity.userId);
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
		for (const room of rooms.all()) {
			try {
				checkRoomAccess(db, room);
			} catch (error) {
				console.error(`[sync] could not check access to ${room.workshopId}:`, error);
			}
		}
	}, intervalMs);
	timer.unref();
	return () => clearInterval(timer);
}
