import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { loadBoardDoc } from '../../src/lib/server/board-store.ts';
import { SqliteBoardStore } from '../../src/lib/server/board-store-sqlite.ts';
import { addAction, listActions } from '../../src/lib/board/actions.ts';
import { addPartner, listPartners, rootMap } from '../../src/lib/board/board-doc.ts';
import { addCard, listCards, setCardText } from '../../src/lib/board/cards.ts';
import { createTestWorkshop, type TestWorkshop } from '../helpers/accounts.ts';
import {
	connectClient,
	openRaw,
	rawOutcome,
	waitForConvergence,
	type TestClient
} from '../helpers/clients.ts';
import { mapSetUpdate, updateFrame } from '../helpers/frames.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { waitFor } from '../helpers/wait.ts';
import { CLOSE } from '../../server/sync/close-codes.ts';
import { PLAN_REFUSAL } from '../../server/sync/plan-policy.ts';
import { acceptLead, leadStatus } from '../../src/lib/board/lead-acceptance.ts';
import { setMember } from '../../src/lib/server/members.ts';
import { COMMAND_LINE } from '../../src/lib/server/audit.ts';

/** A sync frame carrying an update (subtype 2), as opposed to the handshake's step 1. */
const isDocumentUpdate = (frame: Buffer) => frame[0] === 0 && frame[1] === 2;

let server: TestServer;
let workshop: TestWorkshop;
const clients: TestClient[] = [];

function connect(credentials: Parameters<typeof connectClient>[2]): TestClient {
	const client = connectClient(server.syncUrl, workshop.workshopId, credentials);
	clients.push(client);
	return client;
}

beforeEach(async () => {
	server = await startTestServer();
	workshop = createTestWorkshop(server.database.db);
});

afterEach(async () => {
	for (const client of clients.splice(0)) client.destroy();
	await server.close();
});

describe('who may connect to a board', () => {
	it('lets two members with stock y-websocket clients converge on the same board', async () => {
		const a = connect({ sessionToken: workshop.facilitator.sessionToken });
		const b = connect({ apiToken: workshop.partner.apiToken });
		await Promise.all([a.synced, b.synced]);
		expect(listCards(b.doc)).toEqual([]);
		addCard(a.doc, { pillar: 'spend', text: 'from the facilitator' });
		addCard(b.doc, { pillar: 'land', text: 'from the partner' });
		await waitForConvergence([a, b]);
		expect(
			listCards(a.doc)
				.map((c) => c.text)
				.sort()
		).toEqual(['from the facilitator', 'from the partner']);
		expect(listCards(b.doc)).toEqual(listCards(a.doc));
	});

	it('refuses a connection with no credentials (4401)', async () => {
		const outcome = await rawOutcome(`${server.syncUrl}/${workshop.workshopId}`, {});
		expect(outcome).toEqual({ code: CLOSE.unauthenticated, reason: 'Sign in to open this board.' });
	});

	it('refuses a bad session cookie and a bad API token (4401)', async () => {
		const url = `${server.syncUrl}/${workshop.workshopId}`;
		expect((await rawOutcome(url, { sessionToken: 'forged' })).code).toBe(CLOSE.unauthenticated);
		expect((await rawOutcome(url, { apiToken: 'pbt_forged' })).code).toBe(CLOSE.unauthenticated);
	});

	it('refuses a signed-in user who is not a member, before sending any of the board (4403)', async () => {
		const received: Buffer[] = [];
		const outcome = await rawOutcome(
			`${server.syncUrl}/${workshop.workshopId}`,
			{ sessionToken: workshop.outsider.sessionToken },
			(socket) => socket.on('message', (data: Buffer) => received.push(data))
		);
		expect(outcome.code).toBe(CLOSE.forbidden);
		expect(received).toEqual([]);
	});

	it('refuses an unknown board (4404)', async () => {
		const outcome = await rawOutcome(`${server.syncUrl}/0123456789abcdef`, {
			sessionToken: workshop.facilitator.sessionToken
		});
		expect(outcome.code).toBe(CLOSE.unknownBoard);
	});

	it('refuses an upgrade from a foreign Origin with HTTP 403 (cross-site WebSocket hijacking)', async () => {
		const outcome = await rawOutcome(`${server.syncUrl}/${workshop.workshopId}`, {
			sessionToken: workshop.facilitator.sessionToken,
			origin: 'https://evil.example'
		});
		expect(outcome).toEqual({ status: 403 });
	});

	it('accepts an upgrade from its own origin', async () => {
		const { socket } = await openRaw(`${server.syncUrl}/${workshop.workshopId}`, {
			sessionToken: workshop.facilitator.sessionToken,
			origin: server.origin
		});
		expect(socket.readyState).toBe(socket.OPEN);
		socket.close();
	});

	it('answers upgrades to unknown paths with 404 instead of leaving them hanging', async () => {
		const credentials = { sessionToken: workshop.facilitator.sessionToken };
		expect(await rawOutcome(`${server.syncUrl}/a/b`, credentials)).toEqual({ status: 404 });
		// Nothing else upgrades in production: the socket is dropped at once (1006), not left open.
		const elsewhere = await rawOutcome(server.syncUrl.replace('/sync', '/elsewhere'), credentials);
		expect(elsewhere.code).toBe(1006);
	});
});

describe('observers', () => {
	it("drops an observer's edit: it reaches neither other members nor the database", async () => {
		const url = `${server.syncUrl}/${workshop.workshopId}`;
		const partner = await openRaw(url, { sessionToken: workshop.partner.sessionToken });
		const observer = await openRaw(url, { sessionToken: workshop.observer.sessionToken });
		observer.socket.send(updateFrame(mapSetUpdate('cards', 'sneaky', 'observer was here')));
		await observer.roundTrip(); // the server has dealt with the observer's update
		await partner.roundTrip(); // anything relayed to the partner before now has arrived
		expect(partner.frames.filter(isDocumentUpdate)).toEqual([]);
		expect(server.running.sync.rooms.get(workshop.workshopId)?.doc.getMap('cards').size).toBe(0);
		const stored = loadBoardDoc(new SqliteBoardStore(server.database.db), workshop.workshopId).doc;
		expect(stored.getMap('cards').has('sneaky')).toBe(false);
		partner.socket.close();
		observer.socket.close();
	});

	it('lets an observer read the whole board', async () => {
		const facilitator = connect({ sessionToken: workshop.facilitator.sessionToken });
		await facilitator.synced;
		addCard(facilitator.doc, { pillar: 'finance', text: 'credit union payroll' });
		const observer = connect({ sessionToken: workshop.observer.sessionToken });
		await waitFor(() => listCards(observer.doc).length === 1, 'the observer to see the card');
		expect(listCards(observer.doc)[0].text).toBe('credit union payroll');
		expect(Y.encodeStateVector(observer.doc)).toEqual(Y.encodeStateVector(facilitator.doc));
	});
});

describe('the write policy', () => {
	it("cuts off a partner's client that changes the partner organisations, storing nothing of it", async () => {
		const facilitator = connect({ sessionToken: workshop.facilitator.sessionToken });
		await facilitator.synced;
		const partnerId = addPartner(facilitator.doc, {
			code: 'KBC',
			name: 'Kestrelford Borough Council',
			type: 'council',
			colour: '#1f77b4'
		});
		const partner = connect({ sessionToken: workshop.partner.sessionToken });
		await waitFor(() => listPartners(partner.doc).length === 1, 'the partner to see KBC');
		const closed = new Promise<{ code: number; reason: string }>((resolve) =>
			partner.provider.once('connection-close', (event) =>
				resolve({ code: event!.code, reason: event!.reason })
			)
		);
		rootMap(partner.doc, 'partners').get(partnerId)!.set('name', 'Renamed by a partner');
		expect(await closed).toEqual({
			code: CLOSE.forbidden,
			reason: "Only facilitators may change the workshop's pillars and partner organisations."
		});
		const stored = loadBoardDoc(new SqliteBoardStore(server.database.db), workshop.workshopId).doc;
		expect(listPartners(stored)[0].name).toBe('Kestrelford Borough Council');
		expect(listPartners(facilitator.doc)[0].name).toBe('Kestrelford Borough Council');
	});

	it('lets a partner add and edit cards and actions', async () => {
		const partner = connect({ apiToken: workshop.partner.apiToken });
		await partner.synced;
		const cardId = addCard(partner.doc, { pillar: 'spend', text: 'Meet the buyer' });
		setCardText(partner.doc, cardId, 'Meet the buyer days');
		addAction(partner.doc, { pillar: 'spend', title: 'Quarterly meet-the-buyer days' });
		const store = new SqliteBoardStore(server.database.db);
		await waitFor(
			() => listActions(loadBoardDoc(store, workshop.workshopId).doc).length === 1,
			'the action to be stored'
		);
		const stored = loadBoardDoc(store, workshop.workshopId).doc;
		expect(listCards(stored).map((c) => c.text)).toEqual(['Meet the buyer days']);
		expect(partner.provider.wsconnected).toBe(true);
	});

	it("refuses a partner's forged acceptance of another organisation's lead, and takes it once the member speaks for that organisation", async () => {
		const facilitator = connect({ sessionToken: workshop.facilitator.sessionToken });
		await facilitator.synced;
		const partner = (code: string) =>
			addPartner(facilitator.doc, { code, name: code, type: 'council', colour: '#1f77b4' });
		const council = partner('KBC');
		const trust = partner('KTH');
		const actionId = addAction(facilitator.doc, { pillar: 'spend', title: 'Spend', lead: council });
		const { db } = server.database;
		const member = {
			workshopId: workshop.workshopId,
			userId: workshop.partner.id,
			actor: COMMAND_LINE
		};
		setMember(db, { ...member, role: 'partner', partnerId: trust });

		const forger = connect({ sessionToken: workshop.partner.sessionToken });
		await waitFor(() => listActions(forger.doc).length === 1, 'the partner to see the action');
		const closed = new Promise<{ code: number; reason: string }>((resolve) =>
			forger.provider.once('connection-close', (event) =>
				resolve({ code: event!.code, reason: event!.reason })
			)
		);
		acceptLead(forger.doc, actionId, { name: workshop.partner.name, partnerId: council });
		expect(await closed).toEqual({ code: CLOSE.forbidden, reason: PLAN_REFUSAL.leadAnswer });
		const store = new SqliteBoardStore(db);
		expect(leadStatus(listActions(loadBoardDoc(store, workshop.workshopId).doc)[0])).toBe(
			'awaiting'
		);

		// Moved to the council: the open connection learns it within seconds (closed with 4001,
		// and the client reconnects), and the member's acceptance is then taken.
		const honest = connect({ apiToken: workshop.partner.apiToken });
		await honest.synced;
		const relinked = new Promise<number>((resolve) =>
			honest.provider.once('connection-close', (event) => resolve(event!.code))
		);
		setMember(db, { ...member, role: 'partner', partnerId: council });
		expect(await relinked).toBe(CLOSE.roleChanged);
		await waitFor(() => honest.provider.synced, 'the member to be back');
		acceptLead(honest.doc, actionId, { name: workshop.partner.name, partnerId: council });
		await waitFor(
			() => leadStatus(listActions(facilitator.doc)[0]) === 'accepted',
			'the acceptance to reach the facilitator'
		);
		expect(honest.provider.wsconnected).toBe(true);
	});
});
