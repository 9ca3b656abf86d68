/**
 * Voting over the production build (run `npm run build` first), with a real server in this
 * process and stock y-websocket clients: votes are cast over HTTP and stay in the database until
 * the reveal; other clients' documents hold only the public part of a vote before it, and the
 * ranked results after. Every refusal is checked with its status and sentence.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addPartner, rootMap } from '../../src/lib/board/board-doc.ts';
import { addAction } from '../../src/lib/board/actions.ts';
import { addCard, cardRecord } from '../../src/lib/board/cards.ts';
import { getVote, listVotes } from '../../src/lib/board/votes.ts';
import { votesOnItems } from '../../src/lib/board/vote-results.ts';
import { COMMAND_LINE } from '../../src/lib/server/audit.ts';
import { SqliteBoardStore } from '../../src/lib/server/board-store-sqlite.ts';
import { editStoredBoard } from '../../src/lib/server/board-store.ts';
import type { Role } from '../../src/lib/server/db/schema.ts';
import { setMember } from '../../src/lib/server/members.ts';
import { createWorkshop } from '../../src/lib/server/workshops.ts';
import { CLOSE } from '../../server/sync/close-codes.ts';
import { VOTE_REFUSAL } from '../../server/sync/vote-policy.ts';
import { createPerson, type TestPerson } from '../helpers/accounts.ts';
import { connectClient, headersFor, type TestClient } from '../helpers/clients.ts';
import { startAppServer, type AppServer } from '../helpers/app-server.ts';
import type { TempDatabase } from '../helpers/database.ts';
import { waitFor } from '../helpers/wait.ts';

let app: AppServer;
let database: TempDatabase;
let origin: string;
let syncUrl: string;
let setups = 0;
const clients: TestClient[] = [];

beforeAll(async () => {
	app = await startAppServer();
	({ database, origin, syncUrl } = app);
});

afterEach(() => {
	for (const client of clients.splice(0)) client.destroy();
});

afterAll(async () => {
	await app.close();
});

/** A workshop with two partner organisations, three cards, and members of every kind. */
function setUpWorkshop() {
	setups++;
	const { db } = database;
	const person = (name: string) => createPerson(db, `${name} ${setups}`);
	const facilitator = person('Fran Facilitator');
	const workshopId = createWorkshop(db, {
		title: 'Votes',
		place: 'Kestrelford & Vale',
		preset: 'cles',
		ownerId: facilitator.id
	}).id;
	let council = '';
	let trust = '';
	let cards: string[] = [];
	let actions: string[] = [];
	editStoredBoard(new SqliteBoardStore(db), workshopId, (doc) => {
		council = addPartner(doc, { code: 'KBC', name: 'Council', type: 'council', colour: '#123456' });
		trust = addPartner(doc, { code: 'KTH', name: 'Trust', type: 'nhs', colour: '#654321' });
		cards = ['Local food', 'Living wage', 'Community energy'].map((text) =>
			addCard(doc, { pillar: 'spend', text })
		);
		actions = [
			addAction(doc, { pillar: 'spend', ref: 'SP-01', title: 'Buy local' }),
			addAction(doc, { pillar: 'workforce', ref: 'WF-01', title: 'Pay the Real Living Wage' })
		];
	});
	const member = (name: string, role: Role, partnerId: string | null = null) => {
		const someone = person(name);
		setMember(db, { workshopId, userId: someone.id, role, partnerId, actor: COMMAND_LINE });
		return someone;
	};
	return {
		workshopId,
		cards,
		actions,
		facilitator,
		councilA: member('Cara Council', 'partner', council),
		councilB: member('Carl Council', 'partner', council),
		councilC: member('Cleo Council', 'partner', council),
		trust: member('Tom Trust', 'partner', trust),
		loner: member('Lee Loner', 'partner'),
		observer: member('Olu Observer', 'observer'),
		outsider: person('Otto Outsider')
	};
}

type Workshop = ReturnType<typeof setUpWorkshop>;
let w: Workshop;
beforeEach(() => {
	w = setUpWorkshop();
});

/** An HTTP request as the person's browser would make it; the body is sent as JSON. */
async function call(
	method: 'GET' | 'POST',
	path: string,
	person: TestPerson | null,
	body?: unknown
): Promise<{ status: number; body: Record<string, unknown> }> {
	const headers: Record<string, string> = person
		? headersFor({ sessionToken: person.sessionToken })
		: {};
	if (body !== undefined) headers['content-type'] = 'application/json';
	const response = await fetch(`${origin}/workshops/${w.workshopId}${path}`, {
		method,
		headers,
		body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body)
	});
	return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Starts a vote on the workshop's cards and returns its id. */
async function start(settings: Record<string, unknown> = {}): Promise<string> {
	const started = await call('POST', '/votes', w.facilitator, {
		title: 'Which first?',
		kind: 'cards',
		items: w.cards,
		budget: 3,
		per: 'person',
		maxPerItem: 2,
		...settings
	});
	expect(started.status).toBe(201);
	return started.body.id as string;
}

function vote(voteId: string, person: TestPerson | null, item: string, change: number) {
	return call('POST', `/votes/${voteId}/ballot`, person, { item, change });
}

function connect(person: TestPerson): TestClient {
	const client = connectClient(syncUrl, w.workshopId, { sessionToken: person.sessionToken });
	clients.push(client);
	return client;
}

/** Every field of every card, and of the vote record, as a stock client holds them. */
function visibleFields(doc: Y.Doc, voteId: string) {
	const record = rootMap(doc, 'votes').get(voteId)!;
	return {
		vote: Object.keys(record.toJSON()).sort(),
		/** Fields of the cards that only a reveal writes. */
		onCards: [...new Set(w.cards.flatMap((id) => [...cardRecord(doc, id)!.keys()]))].filter(
			(field) => field === 'votes' || field === 'voteId'
		)
	};
}

describe('secrecy until the reveal', () => {
	it("keeps every vote out of other clients' documents until the reveal, then gives everyone the ranked results", async () => {
		const observer = connect(w.observer);
		const trust = connect(w.trust);
		await Promise.all([observer.synced, trust.synced]);
		const voteId = await start();
		const [food, wage, energy] = w.cards;
		expect((await vote(voteId, w.councilA, food, 2)).status).toBe(200);
		expect((await vote(voteId, w.trust, wage, 1)).status).toBe(200);
		expect((await vote(voteId, w.facilitator, food, 1)).status).toBe(200);

		// The public part arrives, with the number of people who have voted and nothing else.
		for (const client of [observer, trust]) {
			await waitFor(() => getVote(client.doc, voteId)?.voters === 3, 'three voters to show');
			const vote = getVote(client.doc, voteId)!;
			expect(vote).toMatchObject({ status: 'open', results: [], budget: 3, per: 'person' });
			expect(visibleFields(client.doc, voteId)).toEqual({
				vote: [
					'budget',
					'endedAt',
					'id',
					'items',
					'kind',
					'maxPerItem',
					'openedAt',
					'openedBy',
					'per',
					'results',
					'status',
					'title',
					'voters'
				],
				onCards: []
			});
			expect(votesOnItems(client.doc, 'cards').size).toBe(0);
		}
		// Each person reads only their own votes; the facilitator too.
		expect((await call('GET', `/votes/${voteId}/ballot`, w.trust)).body).toMatchObject({
			used: 1,
			votes: { [wage]: 1 }
		});
		expect((await call('GET', `/votes/${voteId}/ballot`, w.facilitator)).body).toMatchObject({
			used: 1,
			votes: { [food]: 1 }
		});

		const revealed = await call('POST', `/votes/${voteId}`, w.facilitator, { status: 'revealed' });
		expect(revealed.status).toBe(200);
		await waitFor(() => getVote(observer.doc, voteId)?.status === 'revealed', 'the reveal');
		expect(getVote(observer.doc, voteId)!.results).toEqual([
			{ item: food, label: 'Local food', votes: 3, rank: 1 },
			{ item: wage, label: 'Living wage', votes: 1, rank: 2 },
			{ item: energy, label: 'Community energy', votes: 0, rank: 3 }
		]);
		expect(Object.fromEntries(votesOnItems(trust.doc, 'cards'))).toEqual({
			[food]: { votes: 3, voteId },
			[wage]: { votes: 1, voteId },
			[energy]: { votes: 0, voteId }
		});
	});

	it('keeps the votes of a vote closed without reveal secret, and lets a second vote run after it', async () => {
		const observer = connect(w.observer);
		await observer.synced;
		const first = await start({ title: 'First' });
		await vote(first, w.councilA, w.cards[0], 2);
		const closed = await call('POST', `/votes/${first}`, w.facilitator, { status: 'closed' });
		expect(closed.body).toMatchObject({ status: 'closed', voters: 1, results: [] });
		expect(await vote(first, w.councilA, w.cards[1], 1)).toEqual({
			status: 409,
			body: { message: 'This vote is closed: votes can no longer be changed.' }
		});
		await waitFor(() => getVote(observer.doc, first)?.status === 'closed', 'the close');
		expect(votesOnItems(observer.doc, 'cards').size).toBe(0);

		const second = await start({ title: 'Second', items: w.cards.slice(1), maxPerItem: 3 });
		expect((await vote(second, w.councilA, w.cards[2], 3)).status).toBe(200);
		await call('POST', `/votes/${second}`, w.facilitator, { status: 'revealed' });
		await waitFor(() => getVote(observer.doc, second)?.status === 'revealed', 'the reveal');
		expect(listVotes(observer.doc).map((each) => [each.title, each.status])).toEqual([
			['First', 'closed'],
			['Second', 'revealed']
		]);
		expect(getVote(observer.doc, second)!.results.map((each) => each.votes)).toEqual([3, 0]);
		// The first vote's two votes on the first card never reached anyone.
		expect(votesOnItems(observer.doc, 'cards').has(w.cards[0])).toBe(false);
	});

	it("cuts off a partner's client that writes a vote count on a card (4403)", async () => {
		const partner = connect(w.councilA);
		await partner.synced;
		const closed = new Promise<{ code: number; reason: string }>((resolve) =>
			partner.provider.once('connection-close', (event) =>
				resolve({ code: event!.code, reason: event!.reason })
			)
		);
		cardRecord(partner.doc, w.cards[0])!.set('votes', 99);
		expect(await closed).toEqual({ code: CLOSE.forbidden, reason: VOTE_REFUSAL });
	});
});

describe('votes on actions', () => {
	it('are cast like votes on cards, and the reveal counts them on the actions', async () => {
		const observer = connect(w.observer);
		await observer.synced;
		const [buy, wage] = w.actions;
		const voteId = await start({ kind: 'actions', items: w.actions });
		expect(await vote(voteId, w.trust, w.cards[0], 1)).toMatchObject({ status: 400 });
		await vote(voteId, w.trust, wage, 2);
		await vote(voteId, w.councilA, buy, 1);
		await call('POST', `/votes/${voteId}`, w.facilitator, { status: 'revealed' });
		await waitFor(() => getVote(observer.doc, voteId)?.status === 'revealed', 'the reveal');
		expect(getVote(observer.doc, voteId)!.results.map((each) => each.label)).toEqual([
			'WF-01 Pay the Real Living Wage',
			'SP-01 Buy local'
		]);
		expect(Object.fromEntries(votesOnItems(observer.doc, 'actions'))).toEqual({
			[wage]: { votes: 2, voteId },
			[buy]: { votes: 1, voteId }
		});
		expect(votesOnItems(observer.doc, 'cards').size).toBe(0);
	});
});

describe('a budget per partner organisation', () => {
	it('is shared by the members of one partner, and refuses the third when it is spent', async () => {
		const voteId = await start({ per: 'partner', maxPerItem: 3 });
		const [food, wage, energy] = w.cards;
		expect((await vote(voteId, w.councilA, food, 2)).body).toMatchObject({ used: 2 });
		expect((await vote(voteId, w.councilB, wage, 1)).body).toMatchObject({
			used: 3,
			votes: { [food]: 2, [wage]: 1 }
		});
		expect(await vote(voteId, w.councilC, energy, 1)).toEqual({
			status: 409,
			body: { message: 'Your organisation has used all 3 votes: take one off another item first.' }
		});
		// Another organisation has its own budget; someone who speaks for none cannot vote.
		expect((await vote(voteId, w.trust, energy, 3)).body).toMatchObject({ used: 3 });
		expect((await vote(voteId, w.loner, energy, 1)).status).toBe(403);
		// Any member may move the organisation's votes.
		expect((await vote(voteId, w.councilC, food, -1)).body).toMatchObject({ used: 2 });
		expect((await call('GET', `/votes/${voteId}/ballot`, w.councilA)).body).toMatchObject({
			per: 'partner',
			used: 2,
			votes: { [food]: 1, [wage]: 1 }
		});
		const revealed = await call('POST', `/votes/${voteId}`, w.facilitator, { status: 'revealed' });
		expect(revealed.body).toMatchObject({ voters: 2 });
		expect((revealed.body.results as { votes: number }[]).map((each) => each.votes)).toEqual([
			3, 1, 1
		]);
	});
});

describe('refusals', () => {
	it('refuses people who may not vote: signed out, not members, observers', async () => {
		const voteId = await start();
		const item = w.cards[0];
		expect((await vote(voteId, null, item, 1)).status).toBe(401);
		expect(await vote(voteId, w.outsider, item, 1)).toMatchObject({ status: 403 });
		expect((await call('GET', `/votes/${voteId}/ballot`, w.outsider)).status).toBe(403);
		expect(await vote(voteId, w.observer, item, 1)).toEqual({
			status: 403,
			body: { message: 'Observers follow the vote but do not vote.' }
		});
		expect((await call('GET', `/votes/${voteId}/ballot`, w.observer)).status).toBe(403);
	});

	it('lets only facilitators start, close and reveal votes', async () => {
		const refused = {
			status: 403,
			body: { message: 'Only facilitators start, close and reveal votes.' }
		};
		const settings = { kind: 'cards', items: w.cards, budget: 3, per: 'person', maxPerItem: 1 };
		expect(await call('POST', '/votes', w.councilA, settings)).toEqual(refused);
		const voteId = await start();
		expect(await call('POST', `/votes/${voteId}`, w.councilA, { status: 'revealed' })).toEqual(
			refused
		);
		expect(await call('POST', `/votes/${voteId}`, w.observer, { status: 'closed' })).toEqual(
			refused
		);
	});

	it('refuses votes over the most per item, over the budget, below zero, or on a closed vote', async () => {
		const voteId = await start();
		const [food, wage, energy] = w.cards;
		expect((await vote(voteId, w.trust, food, 2)).status).toBe(200);
		expect(await vote(voteId, w.trust, food, 1)).toEqual({
			status: 409,
			body: { message: 'At most 2 votes can go on one item.' }
		});
		expect(await vote(voteId, w.trust, wage, 2)).toEqual({
			status: 409,
			body: { message: 'You have only 1 of 3 votes left.' }
		});
		expect((await vote(voteId, w.trust, wage, 1)).status).toBe(200);
		expect(await vote(voteId, w.trust, energy, 1)).toEqual({
			status: 409,
			body: { message: 'You have used all 3 votes: take one off another item first.' }
		});
		expect(await vote(voteId, w.trust, energy, -1)).toEqual({
			status: 409,
			body: { message: 'There are no more votes on that item to take off.' }
		});
		await call('POST', `/votes/${voteId}`, w.facilitator, { status: 'revealed' });
		expect(await vote(voteId, w.trust, wage, -1)).toEqual({
			status: 409,
			body: { message: 'This vote has been revealed: votes can no longer be changed.' }
		});
		expect(
			(await call('POST', `/votes/${voteId}`, w.facilitator, { status: 'closed' })).status
		).toBe(409);
	});

	it('refuses bad input with a sentence saying what is wrong', async () => {
		const bad = async (path: string, body: unknown) => {
			const answer = await call('POST', path, w.facilitator, body);
			expect(answer.status, JSON.stringify(body)).toBe(400);
			return answer.body.message;
		};
		const settings = { kind: 'cards', items: w.cards, budget: 3, per: 'person', maxPerItem: 2 };
		expect(await bad('/votes', 'not json')).toBe('Send the vote as a JSON object.');
		expect(await bad('/votes', { ...settings, kind: 'ideas' })).toBe(
			'Say whether the vote is on cards or on actions.'
		);
		expect(await bad('/votes', { ...settings, items: [] })).toBe(
			'Choose at least one of the cards.'
		);
		expect(await bad('/votes', { ...settings, items: ['f'.repeat(32)] })).toBe(
			'One of the chosen cards is not on the board any more: choose again.'
		);
		expect(await bad('/votes', { ...settings, budget: 0 })).toBe(
			'The budget must be a whole number from 1 to 100.'
		);
		expect(await bad('/votes', { ...settings, maxPerItem: 4 })).toBe(
			'The most votes on one item must be a whole number from 1 to the budget (3).'
		);
		expect(await bad('/votes', { ...settings, per: 'table' })).toBe(
			'Say whether the budget is per person or per partner.'
		);

		const voteId = await start();
		const ballot = `/votes/${voteId}/ballot`;
		expect(await bad(ballot, { item: w.cards[0], change: 0 })).toBe(
			'Add or take off a whole number of votes, such as 1 or -1.'
		);
		expect(await bad(ballot, { item: w.cards[0], change: 1.5 })).toBe(
			'Add or take off a whole number of votes, such as 1 or -1.'
		);
		expect(await bad(ballot, { item: 'elsewhere', change: 1 })).toBe(
			'That is not one of the items in this vote.'
		);
		expect(await bad(ballot, '{')).toBe('Send the vote as a JSON object.');
		// JSON sent as text/plain, as a cross-site form could: refused, and nothing counted.
		const plain = await fetch(`${origin}/workshops/${w.workshopId}${ballot}`, {
			method: 'POST',
			headers: {
				...headersFor({ sessionToken: w.trust.sessionToken }),
				'content-type': 'text/plain'
			},
			body: JSON.stringify({ item: w.cards[0], change: 1 })
		});
		expect(plain.status).toBe(403);
		expect((await call('GET', ballot, w.trust)).body).toMatchObject({ used: 0 });
		expect(await bad(`/votes/${voteId}`, { status: 'paused' })).toBe(
			'Say whether to close the vote or reveal it: status "closed" or "revealed".'
		);
		expect(
			await call('POST', `/votes/${'0'.repeat(32)}/ballot`, w.trust, { item: 'x', change: 1 })
		).toEqual({
			status: 404,
			body: { message: 'There is no such vote in this workshop.' }
		});
	});

	it('refuses a second vote while one is open', async () => {
		await start();
		const again = await call('POST', '/votes', w.facilitator, {
			kind: 'cards',
			items: w.cards,
			budget: 3,
			per: 'person',
			maxPerItem: 1
		});
		expect(again).toEqual({
			status: 409,
			body: { message: 'A vote is already open: close it or reveal it first.' }
		});
	});
});
