/**
 * Connects the sync server's rooms to saved versions: an automatic version when a room unloads
 * (its session ended), one at most hourly while a board is active, and the bridge through which
 * SvelteKit handlers change a loaded board (restoring a version). The logic is in
 * src/lib/server/versions.ts; this file only wires it to rooms.
 */
import * as Y from 'yjs';
import type { Db } from '../src/lib/server/db/index.ts';
import { provideLiveBoards } from '../src/lib/server/live-boards.ts';
import { isHourlyVersionDue, saveAutomaticVersion } from '../src/lib/server/versions.ts';
import { encodeIntegratedState } from './sync/pending.ts';
import type { Room } from './sync/room.ts';
import type { Rooms } from './sync/rooms.ts';

/** How often active boards are looked at for an hourly version. */
export const HOURLY_CHECK_INTERVAL_MS = 5 * 60 * 1000;

/** Transaction origin of changes made through the bridge (a restore). */
export const LIVE_CHANGE_ORIGIN = Symbol('pillarboard-live-change');

/** Saves an end-of-session version of a room that is unloading, if its board changed. */
export function saveSessionVersion(db: Db, room: Room): void {
	saveAutomaticVersion(db, {
		workshopId: room.workshopId,
		state: encodeIntegratedState(room.doc),
		kind: 'session'
	});
}

/** Saves an hourly version of every active board that is due one; returns how many were saved. */
export function saveHourlyVersions(db: Db, rooms: Rooms, now = Date.now()): number {
	let saved = 0;
	for (const room of rooms.all()) {
		if (room.connections.size === 0 || !isHourlyVersionDue(db, room.workshopId, now)) continue;
		try {
			const version = saveAutomaticVersion(
				db,
				{ workshopId: room.workshopId, state: encodeIntegratedState(room.doc), kind: 'hourly' },
				now
			);
			if (version) saved++;
		} catch (error) {
			console.error(`[versions] could not save an hourly version of ${room.workshopId}:`, error);
		}
	}
	return saved;
}

/**
 * Starts the hourly check and offers the rooms to the bridge; returns the stopper. A change
 * through the bridge is applied to the room's document like any client's edit: the room stores
 * it, then relays it to every connection.
 */
export function attachBoardVersions(db: Db, rooms: Rooms): () => void {
	const timer = setInterval(() => saveHourlyVersions(db, rooms), HOURLY_CHECK_INTERVAL_MS);
	timer.unref();
	const withdraw = provideLiveBoards({
		state: (workshopId, since) => {
			const room = rooms.get(workshopId);
			return room ? encodeIntegratedState(room.doc, since) : null;
		},
		change: (workshopId, change) => {
			const room = rooms.get(workshopId);
			if (!room) return false;
			Y.applyUpdate(room.doc, change(encodeIntegratedState(room.doc)), LIVE_CHANGE_ORIGIN);
			return true;
		}
	});
	return () => {
		clearInterval(timer);
		withdraw();
	};
}
