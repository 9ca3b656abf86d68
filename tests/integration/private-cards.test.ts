/**
 * Private brainstorming against the production build and a real server, with stock y-websocket
 * clients: a private card reaches nobody's document (nor any byte they receive) before the
 * facilitator reveals it, then lands for everyone in its author's lane; and the endpoints refuse
 * whoever may not use them, and input they cannot keep. Run `npm run build` first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { newId } from '../../src/lib/board/board-doc.ts';
import { addCard, getCard, listCards } from '../../src/lib/board/cards.ts';
import {
	isPrivateMode,
	readLocks,
	setLaneLock,
	setPrivateMode
} from '../../src/lib/board/facilitation.ts';
import {
	MAX_PRIVATE_CARDS_PER_PERSON,
	MAX_PRIVATE_TEXT_LENGTH
} from '../../src/lib/board/private-cards.ts';
import { COMMAND_LINE } from '../../src/lib/server/audit.ts';
import { privateCards, type Role } from '../../src/lib/server/db/schema.ts';
import { createWorkshop } from '../../src/lib/server/workshops.ts';
import { setMember } from '../../src/lib/server/members.ts';
import type { RunningServer } from '../../server/app-server.ts';
import { createPerson, type TestPerson } from '../helpers/accounts.ts';
import { connectClient, headersFor, type TestClient } from '../helpers/clients.ts';
import { startAppServer, type AppServer } from '../helpers/app-server.ts';
import type { TempDatabase } from '../helpers/database.ts';
import { waitFor } from '../helpers/wait.ts';

let app: AppServer;
let database: TempDatabase;
let running: RunningServer;
let origin: string;
const clients: TestClient[] = [];

beforeAll(async () => {
	app = await startAppServer();
	({ database, running, origin } = app);
});

afterAll(async () => {
	for (const client of clients.splice(0)) client.destroy();
	await app.close();
});

let workshops = 0;

/** A workshop with a facilitator, two partners, an observer and an outsider, all new. */
function newWorkshop() {
	const n = ++workshops;
	const person = (name: string) => createPerson(database.db, `${name} ${n}`);
	const [facilitator, partner, pia, observer, outsider] = [
		person('Fran Facilitator'),
		person('Pat Partner'),
		person('Pia Partner'),
		person('Olu Observer'),
		person('Otto Outsider')
	];
	const { id: workshopId } = createWorkshop(database.db, {
		title: `Private brainstorming ${n}`,
		place: 'Kestrelford & Vale',
		preset: 'cles',
		ownerId: facilitator.id
	});
	const add = (member: TestPerson, role: Role) =>
		setMember(database.db, { workshopId, userId: member.id, role, actor: COMMAND_LINE });
	add(partner, 'partner');
	add(pia, 'partner');
	add(observer, 'observer');
	return { workshopId, facilitator, partner, pia, observer, outsider };
}

/** A stock client that also keeps every update it receives, as bytes. */
async function connect(workshopId: string, person: TestPerson) {
	const client = connectClient(`ws://127.0.0.1:${running.port}/sync`, workshopId, {
		apiToken: person.apiToken
	});
	clients.push(client);
	const received: Uint8Array[] = [Y.encodeStateAsUpdate(client.doc)];
	client.doc.on('update', (update: Uint8Array) => received.push(update));
	await client.synced;
	received.push(Y.encodeStateAsUpdate(client.doc));
	return { ...client, received };
}

/** A request to the private-card endpoints as a signed-in person (their session cookie). */
function request(
	workshopId: string,
	person: TestPerson | null,
	method: string,
	path = '',
	body?: unknown
): Promise<Response> {
	return fetch(`${origin}/workshops/${workshopId}/private-cards${path}`, {
		method,
		headers: {
			...(person ? headersFor({ sessionToken: person.sessionToken }) : {}),
			...(body === undefined ? {} : { 'content-type': 'application/json' })
		},
		body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body)
	});
}

async function refusal(response: Response): Promise<{ status: number; message: string }> {
	const body = (await response.json()) as { message: string };
	return { status: response.status, message: body.message };
}

/** Turns private mode on from the facilitator's client and waits until the server has it. */
async function privateModeOn(facilitator: TestClient, witness: TestClient): Promise<void> {
	setPrivateMode(facilitator.doc, true);
	await waitFor(() => isPrivateMode(witness.doc), 'private mode to reach the server');
}

const containsText = (updates: Uint8Array[], text: string) =>
	updates.some((update) => Buffer.from(update).includes(Buffer.from(text)));

describe('private cards before and after reveal', () => {
	it('keeps a partner’s private card out of every other document until the reveal, then puts it in its lane for everyone', async () => {
		const { workshopId, facilitator, partner, observer, pia } = newWorkshop();
		const fran = await connect(workshopId, facilitator);
		const pat = await connect(workshopId, partner);
		const piaClient = await connect(workshopId, pia);
		const olu = await connect(workshopId, observer);
		await privateModeOn(fran, olu);

		const secret = 'Secret: a community bank for Kestrelford';
		const id = newId();
		const created = await request(workshopId, partner, 'POST', '', {
			id,
			pillar: 'spend',
			x: 30,
			y: 40,
			text: 'Secret: a draft'
		});
		expect(created.status).toBe(201);
		const moved = await request(workshopId, partner, 'PATCH', `/${id}`, {
			text: secret,
			pillar: 'finance'
		});
		expect(moved.status).toBe(200);
		expect(((await moved.json()) as { card: { text: string } }).card.text).toBe(secret);

		// A public edit made after the private one: once it has reached everyone, so would a leak.
		addCard(fran.doc, { pillar: 'spend', text: 'Public idea' });
		await waitFor(
			() => [pat, piaClient, olu].every((client) => listCards(client.doc).length === 1),
			'the public card to reach everyone'
		);
		// The check can see text: the public card's is there in the same bytes.
		expect(containsText(olu.received, 'Public idea')).toBe(true);
		for (const client of [fran, pat, piaClient, olu]) {
			expect(getCard(client.doc, id)).toBeNull();
			expect(containsText(client.received, 'Secret:')).toBe(false);
		}

		// Each person reads only their own private cards; the facilitator sees only a count.
		const mine = await (await request(workshopId, partner, 'GET')).json();
		expect(mine).toMatchObject({ cards: [{ id, text: secret, pillar: 'finance' }], waiting: null });
		const others = await request(workshopId, pia, 'GET');
		expect(await others.text()).not.toContain('Secret:');
		const count = await (await request(workshopId, facilitator, 'GET')).json();
		expect(count).toEqual({ cards: [], waiting: { cards: 1, authors: 1 } });

		const revealed = await request(workshopId, facilitator, 'POST', '/reveal');
		expect(await revealed.json()).toEqual({ revealed: 1, ids: [id] });
		await waitFor(
			() => [fran, pat, piaClient, olu].every((client) => getCard(client.doc, id) !== null),
			'the revealed card to reach everyone'
		);
		expect(getCard(piaClient.doc, id)).toMatchObject({
			text: secret,
			pillar: 'finance',
			x: 30,
			y: 40,
			authorId: partner.id,
			authorName: partner.name
		});
		expect(isPrivateMode(olu.doc)).toBe(false);
		expect(await (await request(workshopId, partner, 'GET')).json()).toEqual({
			cards: [],
			waiting: null
		});

		// Revealing again adds nothing; the author edits the card as any other, over the socket.
		expect(await (await request(workshopId, facilitator, 'POST', '/reveal')).json()).toEqual({
			revealed: 0,
			ids: []
		});
		expect(listCards(piaClient.doc)).toHaveLength(2);
		expect((await request(workshopId, partner, 'PATCH', `/${id}`, { text: 'x' })).status).toBe(404);
	});

	it('reveals cards written while nobody had the board open into the stored board', async () => {
		const { workshopId, facilitator, partner } = newWorkshop();
		const fran = await connect(workshopId, facilitator);
		await privateModeOn(fran, fran);
		const id = newId();
		const body = { id, pillar: 'land', text: 'Meanwhile lands' };
		expect((await request(workshopId, partner, 'POST', '', body)).status).toBe(201);
		fran.destroy();
		clients.splice(clients.indexOf(fran), 1);
		await waitFor(() => running.sync.rooms.get(workshopId) === undefined, 'the room to unload');

		expect(await (await request(workshopId, facilitator, 'POST', '/reveal')).json()).toEqual({
			revealed: 1,
			ids: [id]
		});
		const later = await connect(workshopId, partner);
		expect(getCard(later.doc, id)).toMatchObject({ text: 'Meanwhile lands', pillar: 'land' });
	});
});

describe('private card refusals', () => {
	it('refuses people who are not signed in, not members, or observers', async () => {
		const { workshopId, facilitator, observer, outsider } = newWorkshop();
		const fran = await connect(workshopId, facilitator);
		await privateModeOn(fran, fran);
		const card = { id: newId(), pillar: 'spend', text: 'Hello' };
		expect(await refusal(await request(workshopId, null, 'POST', '', card))).toMatchObject({
			status: 401
		});
		expect(await refusal(await request(workshopId, outsider, 'GET'))).toEqual({
			status: 403,
			message: 'You are not a member of this workshop. Ask its facilitator for an invite.'
		});
		expect(await refusal(await request(newId(), facilitator, 'GET'))).toEqual({
			status: 404,
			message: 'There is no workshop with this id.'
		});
		expect(await refusal(await request(workshopId, observer, 'POST', '', card))).toEqual({
			status: 403,
			message: 'Observers watch the board: they cannot write cards.'
		});
		expect(await refusal(await request(workshopId, observer, 'POST', '/reveal'))).toEqual({
			status: 403,
			message: 'Only facilitators may reveal private cards.'
		});
	});

	it('refuses new private cards while private mode is off, and bad input at any time', async () => {
		const { workshopId, facilitator, partner } = newWorkshop();
		const fran = await connect(workshopId, facilitator);
		const post = (body: unknown) => request(workshopId, partner, 'POST', '', body);
		const id = newId();
		expect(await refusal(await post({ id, pillar: 'spend' }))).toEqual({
			status: 409,
			message: 'Private brainstorming is off now: your card goes on the board for all.'
		});

		await privateModeOn(fran, fran);
		expect(await refusal(await post({ id: 'not-an-id', pillar: 'spend' }))).toMatchObject({
			status: 400,
			message: 'A card id is 32 lower-case hexadecimal characters.'
		});
		expect(await refusal(await post({ id, pillar: 'nowhere' }))).toMatchObject({
			status: 400,
			message: 'There is no such lane on the board.'
		});
		expect(await refusal(await post({ id, pillar: 'spend', authorId: 'x' }))).toMatchObject({
			status: 400,
			message: 'A private card has no field "authorId".'
		});
		const long = 'a'.repeat(MAX_PRIVATE_TEXT_LENGTH + 1);
		expect(await refusal(await post({ id, pillar: 'spend', text: long }))).toMatchObject({
			status: 400
		});
		expect(await refusal(await post('{"id":'))).toMatchObject({
			status: 400,
			message: 'The request body is not valid JSON.'
		});
		const form = await fetch(`${origin}/workshops/${workshopId}/private-cards`, {
			method: 'POST',
			headers: { ...headersFor({ sessionToken: partner.sessionToken }), origin },
			body: new URLSearchParams({ id, pillar: 'spend' })
		});
		expect(form.status).toBe(415);
		const huge = await post({ id, pillar: 'spend', text: 'b'.repeat(40_000) });
		expect(huge.status).toBe(413);

		// A card id already on the board cannot be taken over by a private card.
		const onBoard = addCard(fran.doc, { pillar: 'spend' });
		await waitFor(
			() => getCard(running.sync.rooms.get(workshopId)!.doc, onBoard) !== null,
			'the card to reach the server'
		);
		expect(await refusal(await post({ id: onBoard, pillar: 'spend' }))).toMatchObject({
			status: 409
		});
		expect(database.db.select().from(privateCards).all()).toHaveLength(0);
	});

	it('lets nobody but its author read, change or delete a private card', async () => {
		const { workshopId, facilitator, partner, pia } = newWorkshop();
		const fran = await connect(workshopId, facilitator);
		await privateModeOn(fran, fran);
		const id = newId();
		const body = { id, pillar: 'spend', text: 'Pat only' };
		expect((await request(workshopId, partner, 'POST', '', body)).status).toBe(201);
		// Sending the same card again (a retry) is answered with the card as kept.
		expect((await request(workshopId, partner, 'POST', '', body)).status).toBe(201);

		const notYours = {
			status: 404,
			message: 'There is no private card of yours with this id: it may have been revealed.'
		};
		for (const person of [pia, facilitator]) {
			const patch = await request(workshopId, person, 'PATCH', `/${id}`, { text: 'Mine now' });
			expect(await refusal(patch)).toEqual(notYours);
			expect(await refusal(await request(workshopId, person, 'DELETE', `/${id}`))).toEqual(
				notYours
			);
			const taken = await request(workshopId, person, 'POST', '', { ...body, text: 'Mine' });
			expect(await refusal(taken)).toMatchObject({ status: 409 });
		}
		expect(await refusal(await request(workshopId, partner, 'POST', '/reveal'))).toMatchObject({
			status: 403
		});
		const kept = await (await request(workshopId, partner, 'GET')).json();
		expect(kept).toMatchObject({ cards: [{ id, text: 'Pat only' }] });

		expect((await request(workshopId, partner, 'DELETE', `/${id}`)).status).toBe(200);
		expect(await (await request(workshopId, partner, 'GET')).json()).toEqual({
			cards: [],
			waiting: null
		});
	});

	it('refuses a partner’s private cards in a locked lane, but not the facilitator’s', async () => {
		const { workshopId, facilitator, partner } = newWorkshop();
		const fran = await connect(workshopId, facilitator);
		await privateModeOn(fran, fran);
		const id = newId();
		expect((await request(workshopId, partner, 'POST', '', { id, pillar: 'spend' })).status).toBe(
			201
		);
		setLaneLock(fran.doc, 'land', true);
		const roomDoc = () => running.sync.rooms.get(workshopId)!.doc;
		await waitFor(
			() => readLocks(roomDoc()).lanes.includes('land'),
			'the lock to reach the server'
		);

		const into = await request(workshopId, partner, 'POST', '', { id: newId(), pillar: 'land' });
		expect(await refusal(into)).toEqual({
			status: 423,
			message:
				'The facilitator has locked the Socially productive use of land and property lane for now.'
		});
		const moving = await request(workshopId, partner, 'PATCH', `/${id}`, { pillar: 'land' });
		expect(await refusal(moving)).toMatchObject({ status: 423 });
		const own = await request(workshopId, facilitator, 'POST', '', { id: newId(), pillar: 'land' });
		expect(own.status).toBe(201);
	});

	it('refuses more private cards than one person may have waiting', async () => {
		const { workshopId, facilitator, partner } = newWorkshop();
		const fran = await connect(workshopId, facilitator);
		await privateModeOn(fran, fran);
		const now = Date.now();
		database.db
			.insert(privateCards)
			.values(
				Array.from({ length: MAX_PRIVATE_CARDS_PER_PERSON }, () => ({
					id: newId(),
					workshopId,
					authorId: partner.id,
					partnerId: null,
					pillar: 'spend',
					x: 0,
					y: 0,
					width: 240,
					height: 140,
					colour: '#fff4b8',
					text: '',
					createdAt: now,
					updatedAt: now
				}))
			)
			.run();
		const more = await request(workshopId, partner, 'POST', '', { id: newId(), pillar: 'spend' });
		expect(await refusal(more)).toEqual({
			status: 403,
			message: `You have ${MAX_PRIVATE_CARDS_PER_PERSON} private cards waiting, the most one person may: ask the facilitator to reveal them.`
		});
	});
});
