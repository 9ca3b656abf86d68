/**
 * The facilitator's locks against a real server and stock y-websocket clients: a partner's update
 * that touches a locked lane (or anything, with the board locked) is dropped — never applied,
 * stored or relayed — and its socket closed with 4423 and the lock's reason; facilitators are
 * never stopped; unlocking lets partners edit again.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addAction, listActions } from '../../src/lib/board/actions.ts';
import { listPillars } from '../../src/lib/board/board-doc.ts';
import { addCard, getCard, moveCardToPillar, setCardText } from '../../src/lib/board/cards.ts';
import {
	LOCK_REFUSAL,
	readLocks,
	setBoardLock,
	setLaneLock
} from '../../src/lib/board/facilitation.ts';
import { loadBoardDoc } from '../../src/lib/server/board-store.ts';
import { SqliteBoardStore } from '../../src/lib/server/board-store-sqlite.ts';
import { CLOSE } from '../../server/sync/close-codes.ts';
import { createTestWorkshop, type TestPerson, type TestWorkshop } from '../helpers/accounts.ts';
import { connectClient, type TestClient } from '../helpers/clients.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { waitFor } from '../helpers/wait.ts';

let server: TestServer;
let workshop: TestWorkshop;
const clients: TestClient[] = [];

beforeEach(async () => {
	server = await startTestServer();
	workshop = createTestWorkshop(server.database.db);
});

afterEach(async () => {
	for (const client of clients.splice(0)) client.destroy();
	await server.close();
});

async function connect(person: TestPerson): Promise<TestClient> {
	const client = connectClient(server.syncUrl, workshop.workshopId, { apiToken: person.apiToken });
	clients.push(client);
	await client.synced;
	return client;
}

/** Resolves with how the server closes this client's socket. */
function closeOf(client: TestClient): Promise<{ code: number; reason: string }> {
	return new Promise((resolve) => {
		client.provider.on('connection-close', (event: { code: number; reason: string } | null) => {
			if (event) resolve({ code: event.code, reason: event.reason });
		});
	});
}

/** The board as the server has it now: a fresh client's first sync. */
async function serverCopy(): Promise<Y.Doc> {
	return (await connect(workshop.facilitator)).doc;
}

/** The board as stored in SQLite. */
function storedCopy(): Y.Doc {
	return loadBoardDoc(new SqliteBoardStore(server.database.db), workshop.workshopId).doc;
}

const labelOf = (doc: Y.Doc, key: string) => listPillars(doc).find((p) => p.key === key)!.label;

/** The facilitator locks a lane (or the board) and waits until the partner's copy knows it. */
async function lock(
	facilitator: TestClient,
	partner: TestClient,
	what: { lane: string } | 'board'
): Promise<void> {
	if (what === 'board') setBoardLock(facilitator.doc, true);
	else setLaneLock(facilitator.doc, what.lane, true);
	await waitFor(() => {
		const locks = readLocks(partner.doc);
		return what === 'board' ? locks.board : locks.lanes.includes(what.lane);
	}, 'the partner to see the lock');
}

describe('a locked lane', () => {
	it("drops a partner's edit of a card in it, closes their socket with 4423 and the lane's reason, and neither the facilitator nor the stored board ever sees it", async () => {
		const facilitator = await connect(workshop.facilitator);
		const partner = await connect(workshop.partner);
		const id = addCard(facilitator.doc, { pillar: 'spend', text: 'Buy local' });
		await waitFor(() => getCard(partner.doc, id) !== null, 'the partner to see the card');
		await lock(facilitator, partner, { lane: 'spend' });

		const closed = closeOf(partner);
		setCardText(partner.doc, id, 'Buy local, and buy social');
		expect(await closed).toEqual({
			code: CLOSE.locked,
			reason: LOCK_REFUSAL.lane(labelOf(facilitator.doc, 'spend'))
		});

		expect(getCard(await serverCopy(), id)!.text).toBe('Buy local');
		expect(getCard(storedCopy(), id)!.text).toBe('Buy local');
		expect(getCard(facilitator.doc, id)!.text).toBe('Buy local');
	});

	it("drops a partner's new card in it", async () => {
		const facilitator = await connect(workshop.facilitator);
		const partner = await connect(workshop.partner);
		await lock(facilitator, partner, { lane: 'workforce' });

		const closed = closeOf(partner);
		const id = addCard(partner.doc, { pillar: 'workforce', text: 'Living wage' });
		expect((await closed).code).toBe(CLOSE.locked);
		expect(getCard(await serverCopy(), id)).toBeNull();
		expect(getCard(storedCopy(), id)).toBeNull();
	});

	it("drops a partner's move of a card into it from an unlocked lane", async () => {
		const facilitator = await connect(workshop.facilitator);
		const partner = await connect(workshop.partner);
		const id = addCard(partner.doc, { pillar: 'land', text: 'Community asset transfer' });
		await waitFor(() => getCard(facilitator.doc, id) !== null, 'the facilitator to see the card');
		await lock(facilitator, partner, { lane: 'spend' });

		const closed = closeOf(partner);
		moveCardToPillar(partner.doc, id, 'spend');
		expect(await closed).toEqual({
			code: CLOSE.locked,
			reason: LOCK_REFUSAL.lane(labelOf(facilitator.doc, 'spend'))
		});
		expect(getCard(await serverCopy(), id)!.pillar).toBe('land');
		expect(getCard(storedCopy(), id)!.pillar).toBe('land');
	});

	it("lets a partner's edits to other lanes through while one lane is locked", async () => {
		const facilitator = await connect(workshop.facilitator);
		const partner = await connect(workshop.partner);
		await lock(facilitator, partner, { lane: 'spend' });
		const id = addCard(partner.doc, { pillar: 'land', text: 'Meanwhile use of empty shops' });
		await waitFor(() => getCard(facilitator.doc, id) !== null, 'the facilitator to see the card');
		expect(partner.provider.wsconnected).toBe(true);
	});

	it('lets the facilitator change cards in it, and partners receive the change', async () => {
		const facilitator = await connect(workshop.facilitator);
		const partner = await connect(workshop.partner);
		const id = addCard(facilitator.doc, { pillar: 'spend', text: 'Buy local' });
		await lock(facilitator, partner, { lane: 'spend' });
		setCardText(facilitator.doc, id, 'Buy local: a target of 30%');
		await waitFor(
			() => getCard(partner.doc, id)?.text === 'Buy local: a target of 30%',
			'the partner to see the facilitator’s edit'
		);
		expect(getCard(storedCopy(), id)!.text).toBe('Buy local: a target of 30%');
	});

	it("lets a partner's edits through again once the facilitator unlocks it", async () => {
		const facilitator = await connect(workshop.facilitator);
		const partner = await connect(workshop.partner);
		const id = addCard(facilitator.doc, { pillar: 'spend', text: 'Buy local' });
		await lock(facilitator, partner, { lane: 'spend' });
		setLaneLock(facilitator.doc, 'spend', false);
		await waitFor(() => readLocks(partner.doc).lanes.length === 0, 'the partner to see the unlock');

		setCardText(partner.doc, id, 'Buy local, and buy social');
		await waitFor(
			() => getCard(facilitator.doc, id)?.text === 'Buy local, and buy social',
			'the facilitator to see the partner’s edit'
		);
		expect(getCard(storedCopy(), id)!.text).toBe('Buy local, and buy social');
	});
});

describe('a locked board', () => {
	it("drops a partner's new card in any lane with the board's reason", async () => {
		const facilitator = await connect(workshop.facilitator);
		const partner = await connect(workshop.partner);
		await lock(facilitator, partner, 'board');

		const closed = closeOf(partner);
		const id = addCard(partner.doc, { pillar: 'finance', text: 'A community bank' });
		expect(await closed).toEqual({ code: CLOSE.locked, reason: LOCK_REFUSAL.board });
		expect(getCard(await serverCopy(), id)).toBeNull();
		expect(getCard(storedCopy(), id)).toBeNull();
	});

	it("drops a partner's new action in the plan", async () => {
		const facilitator = await connect(workshop.facilitator);
		const partner = await connect(workshop.partner);
		await lock(facilitator, partner, 'board');

		const closed = closeOf(partner);
		addAction(partner.doc, { pillar: 'spend', title: 'Procurement pledge', lead: null });
		expect(await closed).toEqual({ code: CLOSE.locked, reason: LOCK_REFUSAL.board });
		expect(listActions(await serverCopy())).toEqual([]);
		expect(listActions(storedCopy())).toEqual([]);
	});

	it('lets the facilitator add cards and actions, and partners edit again once it is unlocked', async () => {
		const facilitator = await connect(workshop.facilitator);
		const partner = await connect(workshop.partner);
		await lock(facilitator, partner, 'board');
		const id = addCard(facilitator.doc, { pillar: 'finance', text: 'Pension fund' });
		addAction(facilitator.doc, { pillar: 'finance', title: 'Invest locally', lead: null });
		await waitFor(
			() => getCard(partner.doc, id) !== null && listActions(partner.doc).length === 1,
			'the partner to see the facilitator’s card and action'
		);

		setBoardLock(facilitator.doc, false);
		await waitFor(() => !readLocks(partner.doc).board, 'the partner to see the unlock');
		setCardText(partner.doc, id, 'Pension fund: 5% local');
		await waitFor(
			() => getCard(facilitator.doc, id)?.text === 'Pension fund: 5% local',
			'the facilitator to see the partner’s edit'
		);
		expect(getCard(storedCopy(), id)!.text).toBe('Pension fund: 5% local');
	});
});
