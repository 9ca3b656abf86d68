/**
 * The boards a benchmark runs on. Every board starts from the same seed document (the CLES
 * pillars and one card per editor, built with the pure board model), which each client also
 * holds before it connects, so that both servers start from the same state. Our server gets
 * its boards, people, memberships and API tokens in a fresh SQLite file; the stock server takes
 * any room name and starts empty (the first client's sync hands it the seed).
 */
import fs from 'node:fs';
import path from 'node:path';
import * as Y from 'yjs';
import { initBoard, listPillars, newId } from '../../src/lib/board/board-doc.ts';
import { addCard } from '../../src/lib/board/cards.ts';
import { SqliteBoardStore } from '../../src/lib/server/board-store-sqlite.ts';
import { setMember } from '../../src/lib/server/members.ts';
import { COMMAND_LINE } from '../../src/lib/server/audit.ts';
import { createWorkshop } from '../../src/lib/server/workshops.ts';
import { createPerson } from '../../tests/helpers/accounts.ts';
import { createTempDatabase } from '../../tests/helpers/database.ts';
import type { ServerKind } from './servers.ts';
import { cardText, type ClientPlan } from './worker-protocol.ts';

export interface BoardLayout {
	boards: number;
	clientsPerBoard: number;
	/** The first this many clients of each board edit; the others only read. */
	editorsPerBoard: number;
}

export interface PreparedBoards {
	clients: ClientPlan[];
	/** Seed state of each board, by board id. */
	seeds: Record<string, Uint8Array>;
	/** Our server's database file (undefined for the stock server). */
	databasePath?: string;
	/** Deletes the database, if any. */
	remove(): void;
}

/** A board's seed document: the CLES pillars and one card per editor, spread over the lanes. */
function seedBoard(editorKeys: string[]): { state: Uint8Array; cardIds: string[] } {
	const doc = new Y.Doc();
	initBoard(doc, { title: 'Benchmark board', place: 'Loopback', preset: 'cles' });
	const pillars = listPillars(doc);
	const cardIds = editorKeys.map((key, i) =>
		addCard(doc, { pillar: pillars[i % pillars.length].key, text: cardText(key, 0, 0) })
	);
	const state = Y.encodeStateAsUpdate(doc);
	doc.destroy();
	return { state, cardIds };
}

/** Plans the clients of every board and, for our server, writes everything it needs to SQLite. */
export function prepareBoards(kind: ServerKind, layout: BoardLayout): PreparedBoards {
	const database = kind === 'ours' ? createTempDatabase() : null;
	const clients: ClientPlan[] = [];
	const seeds: Record<string, Uint8Array> = {};
	let clientCount = 0;
	for (let b = 0; b < layout.boards; b++) {
		const keys = Array.from({ length: layout.clientsPerBoard }, () => `c${clientCount++}`);
		const { state, cardIds } = seedBoard(keys.slice(0, layout.editorsPerBoard));
		let boardId = newId();
		if (database) {
			const facilitator = createPerson(database.db, `Facilitator ${b}`);
			const workshop = createWorkshop(database.db, {
				title: `Benchmark board ${b}`,
				place: 'Loopback',
				preset: 'cles',
				ownerId: facilitator.id
			});
			boardId = workshop.id;
			// The seed replaces the board that createWorkshop made, so both servers start alike.
			new SqliteBoardStore(database.db).compact(boardId, state, 0);
		}
		seeds[boardId] = state;
		keys.forEach((key, i) => {
			let apiToken: string | null = null;
			if (database) {
				const person = createPerson(database.db, `Bench ${key}`);
				setMember(database.db, {
					workshopId: boardId,
					userId: person.id,
					role: 'partner',
					actor: COMMAND_LINE
				});
				apiToken = person.apiToken;
			}
			clients.push({ key, board: boardId, apiToken, cardId: cardIds[i] ?? null });
		});
	}
	// The server process opens the file itself; this connection is no longer needed.
	database?.db.$client.close();
	return {
		clients,
		seeds,
		databasePath: database?.file,
		remove() {
			if (database) fs.rmSync(path.dirname(database.file), { recursive: true, force: true });
		}
	};
}
