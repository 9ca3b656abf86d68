/**
 * A big board for the canvas benchmark: a facilitator account and a CLES workshop holding
 * `cardCount` cards spread over the five lanes in two columns, as a long ideation session
 * would leave it.
 */
import { randomBytes } from 'node:crypto';
import { addCard, CARD_COLOURS } from '../../src/lib/board/cards.ts';
import { editStoredBoard } from '../../src/lib/server/board-store.ts';
import { SqliteBoardStore } from '../../src/lib/server/board-store-sqlite.ts';
import type { Db } from '../../src/lib/server/db/index.ts';
import { createUser } from '../../src/lib/server/users.ts';
import { createWorkshop } from '../../src/lib/server/workshops.ts';

const PILLARS = ['spend', 'workforce', 'land', 'ownership', 'finance'];
const COLUMNS = 2;
const COLUMN_WIDTH = 260;
const ROW_HEIGHT = 156;
const WORDS =
	'local supply chain anchor spend co-op living wage land trust credit union pension fund ' +
	'apprenticeship community asset procurement social value employee ownership mutual bank';

export interface BenchBoard {
	workshopId: string;
	email: string;
	password: string;
}

/** Seeds the account and the board; the password is random and returned. */
export async function seedBenchBoard(db: Db, cardCount: number): Promise<BenchBoard> {
	const email = `bench.${Date.now()}@example.test`;
	const password = randomBytes(18).toString('base64url');
	const user = await createUser(db, { email, name: 'Bench Facilitator', password });
	if (!user.ok) throw new Error(`Could not create the bench account: ${user.message}`);
	const workshop = createWorkshop(db, {
		title: 'Canvas benchmark',
		place: 'Benchtown',
		preset: 'cles',
		ownerId: user.user.id
	});
	const words = WORDS.split(' ');
	editStoredBoard(new SqliteBoardStore(db), workshop.id, (doc) => {
		for (let i = 0; i < cardCount; i++) {
			const slot = Math.floor(i / PILLARS.length);
			const text = Array.from({ length: 6 + (i % 9) }, (_, n) => words[(i * 7 + n) % words.length]);
			addCard(doc, {
				pillar: PILLARS[i % PILLARS.length],
				text: `${i + 1}. ${text.join(' ')}`,
				authorName: 'Bench Facilitator',
				colour: CARD_COLOURS[i % CARD_COLOURS.length],
				x: (slot % COLUMNS) * COLUMN_WIDTH,
				y: Math.floor(slot / COLUMNS) * ROW_HEIGHT
			});
		}
	});
	return { workshopId: workshop.id, email, password };
}
