/**
 * The parking lot against the built app and stock y-websocket clients: partners park cards like
 * any move, only facilitators mark carries, and a facilitator of two workshops of the same place
 * carries the earlier one's parked cards into the later one, once.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addPartner } from '../../src/lib/board/board-doc.ts';
import { addCard, getCard } from '../../src/lib/board/cards.ts';
import { PARKING_LOT } from '../../src/lib/board/card-lane.ts';
import { listParkedCards, markCarried, parkCards } from '../../src/lib/board/parking.ts';
import { COMMAND_LINE, listAudit } from '../../src/lib/server/audit.ts';
import { editStoredBoard } from '../../src/lib/server/board-store.ts';
import { SqliteBoardStore } from '../../src/lib/server/board-store-sqlite.ts';
import { setMember } from '../../src/lib/server/members.ts';
import { createWorkshop } from '../../src/lib/server/workshops.ts';
import { PARKING_REFUSAL } from '../../server/sync/parking-policy.ts';
import { createTestWorkshop, type TestPerson, type TestWorkshop } from '../helpers/accounts.ts';
import { callJson, startAppServer, type AppServer } from '../helpers/app-server.ts';
import { connectClient, type TestClient } from '../helpers/clients.ts';
import { waitFor } from '../helpers/wait.ts';

let app: AppServer;
let spring: TestWorkshop;
/** A later workshop of the same place, with the same facilitator. */
let autumnId: string;
let springCouncil: string;
let autumnCouncil: string;
const clients: TestClient[] = [];
/** Numbers each test's people, who share one database. */
let count = 0;

beforeAll(async () => {
	app = await startAppServer();
});

afterAll(async () => {
	await app.close();
});

beforeEach(() => {
	for (const client of clients.splice(0)) client.destroy();
	const { db } = app.database;
	const store = new SqliteBoardStore(db);
	spring = createTestWorkshop(db, 'Spring workshop', ` ${++count}`);
	const autumn = createWorkshop(db, {
		title: 'Autumn workshop',
		place: 'Kestrelford & Vale',
		preset: 'cles',
		ownerId: spring.facilitator.id
	});
	autumnId = autumn.id;
	// Created in the same millisecond in a fast test: the autumn one must be the later.
	db.$client
		.prepare('update workshops set created_at = created_at + 1000 where id = ?')
		.run(autumnId);
	editStoredBoard(store, spring.workshopId, (doc) => {
		springCouncil = addPartner(doc, {
			code: 'KBC',
			name: 'Council',
			type: 'council',
			colour: '#1b6ca8'
		});
	});
	editStoredBoard(store, autumnId, (doc) => {
		autumnCouncil = addPartner(doc, {
			code: 'KBC',
			name: 'Council',
			type: 'council',
			colour: '#1b6ca8'
		});
	});
	setMember(db, {
		workshopId: spring.workshopId,
		userId: spring.partner.id,
		role: 'partner',
		partnerId: springCouncil,
		actor: COMMAND_LINE
	});
});

async function connect(workshopId: string, person: TestPerson): Promise<TestClient> {
	const client = connectClient(app.syncUrl, workshopId, { apiToken: person.apiToken });
	clients.push(client);
	await client.synced;
	return client;
}

const parkingUrl = (workshopId: string) => `${app.origin}/workshops/${workshopId}/parking`;

describe('the parking lot', () => {
	it('lets a partner park a card that everyone then sees in the parking lot', async () => {
		const partner = await connect(spring.workshopId, spring.partner);
		const observer = await connect(spring.workshopId, spring.observer);
		const id = addCard(partner.doc, {
			pillar: 'land',
			text: 'Bus lanes',
			partnerId: springCouncil
		});
		parkCards(partner.doc, [id]);
		await waitFor(() => getCard(observer.doc, id)?.pillar === PARKING_LOT, 'the parked card');
		expect(getCard(observer.doc, id)).toMatchObject({ parkedFrom: 'land', text: 'Bus lanes' });
	});

	it('closes the connection of a partner who forges a carry mark, and keeps the board unmarked', async () => {
		const partner = await connect(spring.workshopId, spring.partner);
		const id = addCard(partner.doc, { pillar: 'land', text: 'Bus lanes' });
		parkCards(partner.doc, [id]);
		const closed = new Promise<{ code: number; reason: string }>((resolve) =>
			partner.provider.on('connection-close', (event: { code: number; reason: string } | null) => {
				if (event) resolve({ code: event.code, reason: event.reason });
			})
		);
		markCarried(partner.doc, [id], { workshopId: autumnId, title: 'Autumn workshop' });
		expect(await closed).toEqual({ code: 4403, reason: PARKING_REFUSAL });
		partner.provider.disconnect();
		const facilitator = await connect(spring.workshopId, spring.facilitator);
		await waitFor(() => getCard(facilitator.doc, id) !== null, 'the parked card');
		expect(getCard(facilitator.doc, id)!.carriedTo).toBeNull();
	});

	it('carries parked cards into the later workshop once, with their text, author and partner', async () => {
		const springBoard = await connect(spring.workshopId, spring.partner);
		const parked = addCard(springBoard.doc, {
			pillar: 'ownership',
			text: 'Co-op bakery',
			authorName: 'Pat Partner',
			partnerId: springCouncil
		});
		addCard(springBoard.doc, { pillar: 'spend', text: 'Stays in its lane' });
		parkCards(springBoard.doc, [parked]);
		const autumnBoard = await connect(autumnId, spring.facilitator);
		const facilitator = { sessionToken: spring.facilitator.sessionToken };
		await waitFor(() => {
			const room = app.running.sync.rooms.get(spring.workshopId);
			return room !== undefined && listParkedCards(room.doc).length === 1;
		}, 'the parked card to reach the server');

		const options = await callJson(parkingUrl(autumnId), facilitator);
		expect(options.body.workshops).toEqual([
			expect.objectContaining({ workshopId: spring.workshopId, direction: 'from', cards: 1 })
		]);
		const carried = await callJson(parkingUrl(autumnId), {
			...facilitator,
			method: 'POST',
			body: { from: spring.workshopId }
		});
		expect(carried).toMatchObject({ status: 200, body: { carried: 1 } });

		await waitFor(() => listParkedCards(autumnBoard.doc).length === 1, 'the carried card');
		expect(listParkedCards(autumnBoard.doc)[0]).toMatchObject({
			text: 'Co-op bakery',
			authorName: 'Pat Partner',
			partnerId: autumnCouncil,
			parkedFrom: 'ownership',
			carriedFrom: { workshopId: spring.workshopId, title: 'Spring workshop' }
		});
		await waitFor(() => getCard(springBoard.doc, parked)?.carriedTo !== null, 'the carry mark');
		expect(getCard(springBoard.doc, parked)!.carriedTo).toMatchObject({ workshopId: autumnId });

		const again = await callJson(parkingUrl(spring.workshopId), {
			...facilitator,
			method: 'POST',
			body: { to: autumnId }
		});
		expect(again).toMatchObject({
			status: 409,
			body: { message: '"Spring workshop" has no parked cards left to carry.' }
		});
		expect(listAudit(app.database.db, autumnId)[0].detail).toBe(
			'Brought in 1 parked card from "Spring workshop".'
		);
	});

	it('refuses partners, other places, backward carries and facilitators of only one workshop', async () => {
		const { db } = app.database;
		const post = (workshopId: string, person: TestPerson, body: unknown) =>
			callJson(parkingUrl(workshopId), { method: 'POST', sessionToken: person.sessionToken, body });
		expect((await post(autumnId, spring.partner, { from: spring.workshopId })).status).toBe(403);
		expect(
			(await callJson(parkingUrl(spring.workshopId), { sessionToken: spring.partner.sessionToken }))
				.status
		).toBe(403);
		const elsewhere = createWorkshop(db, {
			title: 'Elsewhere',
			place: 'Llanfair',
			preset: 'cles',
			ownerId: spring.facilitator.id
		});
		expect(
			(await post(elsewhere.id, spring.facilitator, { from: spring.workshopId })).body.message
		).toBe('Parked cards go only to another workshop of the same place.');
		expect(
			(await post(spring.workshopId, spring.facilitator, { from: autumnId })).body.message
		).toBe('Parked cards are carried into a later workshop.');
		const other = createTestWorkshop(db, 'Someone else’s', ` other ${count}`);
		expect((await post(autumnId, spring.facilitator, { from: other.workshopId })).status).toBe(403);
		expect((await post(autumnId, spring.facilitator, { sideways: true })).status).toBe(400);
		const listed = await callJson(parkingUrl(spring.workshopId), {
			sessionToken: spring.facilitator.sessionToken
		});
		expect(
			(listed.body.workshops as { workshopId: string }[]).map((each) => each.workshopId)
		).toEqual([autumnId]);
	});
});
