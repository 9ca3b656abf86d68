import { beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { initBoard } from '../../src/lib/board/board-doc.ts';
import { addCard, moveCardToPillar, setCardText } from '../../src/lib/board/cards.ts';
import { LOCK_REFUSAL, setBoardLock, setLaneLock } from '../../src/lib/board/facilitation.ts';
import { addAction } from '../../src/lib/board/actions.ts';
import { lockProblem } from './lock-policy.ts';
import { changesBy } from './write-policy.ts';

let server: Y.Doc;
let spendCard: string;
let workforceCard: string;

beforeEach(() => {
	server = new Y.Doc();
	initBoard(server, { title: 'T', place: 'P', preset: 'cles' });
	spendCard = addCard(server, { pillar: 'spend', text: 'Local suppliers' });
	workforceCard = addCard(server, { pillar: 'workforce', text: 'Living wage' });
});

/** What the server would say to a partner making `change` on their client. */
function verdict(change: (doc: Y.Doc) => unknown): string | null {
	// A fresh replica each time: an update carries its document's whole delete set.
	const client = new Y.Doc();
	Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
	const before = Y.encodeStateVector(client);
	change(client);
	const update = Y.decodeUpdate(Y.encodeStateAsUpdate(client, before));
	return lockProblem(server, changesBy(server, update));
}

describe('lock policy', () => {
	it('lets partners edit anything while nothing is locked', () => {
		expect(verdict((doc) => setCardText(doc, spendCard, 'Local suppliers first'))).toBeNull();
	});

	it('refuses every card and action change while the board is locked', () => {
		setBoardLock(server, true);
		expect(verdict((doc) => setCardText(doc, workforceCard, 'Edited'))).toBe(LOCK_REFUSAL.board);
		expect(verdict((doc) => addAction(doc, { pillar: 'spend', title: 'New' }))).toBe(
			LOCK_REFUSAL.board
		);
	});

	it('refuses changes to a card in a locked lane but not in other lanes', () => {
		setLaneLock(server, 'spend', true);
		expect(verdict((doc) => setCardText(doc, spendCard, 'Edited'))).toMatch(/locked the .* lane/);
		expect(verdict((doc) => setCardText(doc, workforceCard, 'Edited'))).toBeNull();
	});

	it('refuses moving a card into a locked lane and adding a card to it', () => {
		setLaneLock(server, 'spend', true);
		expect(verdict((doc) => moveCardToPillar(doc, workforceCard, 'spend'))).toMatch(/locked/);
		expect(verdict((doc) => addCard(doc, { pillar: 'spend', text: 'Sneaky' }))).toMatch(/locked/);
	});

	it('lets partners edit a lane again once it is unlocked', () => {
		setLaneLock(server, 'spend', true);
		setLaneLock(server, 'spend', false);
		expect(verdict((doc) => setCardText(doc, spendCard, 'Edited'))).toBeNull();
	});
});
