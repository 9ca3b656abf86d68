/**
 * A board document kept live for as long as the component that creates it: seeded with the
 * server-rendered state (a v1 update, or a base64 v2 update), connected through a BoardConnection, and counting revisions so that
 * `$derived` reads of the document re-run on every change, local or remote.
 */
import { untrack } from 'svelte';
import * as Y from 'yjs';
import { observeBoard } from '$lib/board/board-doc';
import {
	BoardConnection,
	type BoardConnectionEvents,
	type BoardUser
} from './board-connection.svelte';

/** Bytes from base64 (the board page sends its state so: see loadBoardStateBase64). */
function decodeBase64(text: string): Uint8Array {
	const binary = atob(text);
	const bytes = new Uint8Array(binary.length);
	for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
	return bytes;
}

export class LiveBoard {
	readonly doc = new Y.Doc();
	/** Bumped on every change of the document: read it in `$derived` to re-read the board. */
	revision = $state(0);
	/** The live connection, once the component is mounted. */
	connection = $state<BoardConnection | null>(null);

	/** Create during component initialisation; everything is released when the component goes. */
	constructor(
		workshopId: string,
		user: BoardUser,
		storedState: Uint8Array | string,
		events: BoardConnectionEvents = {}
	) {
		if (typeof storedState === 'string') Y.applyUpdateV2(this.doc, decodeBase64(storedState));
		else Y.applyUpdate(this.doc, storedState);
		$effect(() => {
			const unobserve = observeBoard(this.doc, () => this.revision++);
			// Connect once: reloaded page data (a new but equal user object) must not reconnect.
			const connection = untrack(() => new BoardConnection(this.doc, workshopId, user, events));
			this.connection = connection;
			return () => {
				unobserve();
				connection.destroy();
				this.doc.destroy();
			};
		});
	}
}
