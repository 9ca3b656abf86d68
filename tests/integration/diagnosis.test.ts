/**
 * The diagnosis against the built app and stock y-websocket clients: partners' self-scores stay
 * in the server's database until the facilitator reveals them — absent from every other client's
 * document and from what the server sends or stores for the board — then reach everyone's board
 * at once; and every request that may not see or change them is refused with a sentence.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addPartner } from '../../src/lib/board/board-doc.ts';
import { readDiagnosis, writeDiagnosis } from '../../src/lib/board/diagnosis.ts';
import { editStoredBoard } from '../../src/lib/server/board-store.ts';
import { SqliteBoardStore } from '../../src/lib/server/board-store-sqlite.ts';
import { COMMAND_LINE } from '../../src/lib/server/audit.ts';
import {
	boardSnapshots,
	boardUpdates,
	diagnoses,
	diagnosisScores
} from '../../src/lib/server/db/schema.ts';
import { setMember } from '../../src/lib/server/members.ts';
import {
	createPerson,
	createTestWorkshop,
	type TestPerson,
	type TestWorkshop
} from '../helpers/accounts.ts';
import { callJson, startAppServer, type AppServer } from '../helpers/app-server.ts';
import { connectClient, openRaw, type RawConnection, type TestClient } from '../helpers/clients.ts';
import { waitFor } from '../helpers/wait.ts';

let app: AppServer;
let workshop: TestWorkshop;
/** Speaks for the council (KBC); `workshop.partner` speaks for the hospital trust (KTH). */
let councilMember: TestPerson;
let council: string;
let trust: string;
const clients: TestClient[] = [];
/** Numbers each test's people, who share one database. */
let count = 0;
const sockets: RawConnection[] = [];

beforeAll(async () => {
	app = await startAppServer();
	councilMember = createPerson(app.database.db, 'Cara Council');
});

afterAll(async () => {
	await app.close();
});

beforeEach(() => {
	for (const client of clients.splice(0)) client.destroy();
	for (const raw of sockets.splice(0)) raw.socket.terminate();
	const { db } = app.database;
	workshop = createTestWorkshop(db, 'Diagnosis workshop', ` ${++count}`);
	editStoredBoard(new SqliteBoardStore(db), workshop.workshopId, (doc) => {
		council = addPartner(doc, { code: 'KBC', name: 'Council', type: 'council', colour: '#1b6ca8' });
		trust = addPartner(doc, { code: 'KTH', name: 'Trust', type: 'nhs', colour: '#7a5c99' });
	});
	const link = (person: TestPerson, partnerId: string) =>
		setMember(db, {
			workshopId: workshop.workshopId,
			userId: person.id,
			role: 'partner',
			partnerId,
			actor: COMMAND_LINE
		});
	link(councilMember, council);
	link(workshop.partner, trust);
});

/** This test's workshop's stored scores. */
const scoresStored = () =>
	app.database.db
		.select()
		.from(diagnosisScores)
		.where(eq(diagnosisScores.workshopId, workshop.workshopId))
		.all();

const url = (path: string) => `${app.origin}/workshops/${workshop.workshopId}${path}`;
const scoresUrl = (partnerId: string) => url(`/diagnosis/scores/${partnerId}`);

function step(step: string, person = workshop.facilitator) {
	return callJson(url('/diagnosis'), {
		method: 'POST',
		sessionToken: person.sessionToken,
		body: { step }
	});
}

function score(person: TestPerson, partnerId: string, scores: unknown) {
	return callJson(scoresUrl(partnerId), {
		method: 'PUT',
		sessionToken: person.sessionToken,
		body: { scores }
	});
}

async function connect(person: TestPerson): Promise<TestClient> {
	const client = connectClient(app.syncUrl, workshop.workshopId, { apiToken: person.apiToken });
	clients.push(client);
	await client.synced;
	return client;
}

/** Everything a document holds, as text. */
const contentOf = (client: TestClient) =>
	JSON.stringify(
		Object.fromEntries(
			[...client.doc.share.keys()].map((name) => [name, client.doc.getMap(name).toJSON()])
		)
	);

/** Every byte of the board the server has stored, as text. */
function storedBoardText(): string {
	const { db } = app.database;
	const parts = [
		...db.select({ data: boardUpdates.data }).from(boardUpdates).all(),
		...db.select({ data: boardSnapshots.data }).from(boardSnapshots).all()
	];
	return parts.map((part) => Buffer.from(part.data).toString('latin1')).join('');
}

describe('the diagnosis: secret until the reveal', () => {
	it('keeps scores out of every other client’s document until the facilitator reveals them, then shows them to all', async () => {
		expect((await step('open')).status).toBe(200);
		const facilitator = await connect(workshop.facilitator);
		const trustClient = await connect(workshop.partner);
		const observer = await connect(workshop.observer);
		const councilClient = await connect(councilMember);
		const raw = await openRaw(`${app.syncUrl}/${workshop.workshopId}`, {
			apiToken: workshop.observer.apiToken
		});
		sockets.push(raw);
		await waitFor(
			() => readDiagnosis(observer.doc).status === 'open',
			'scoring to open on the board'
		);

		const saved = await score(councilMember, council, [
			{ pillar: 'spend', score: 4, note: 'Council-secret: 18% of spend is local' },
			{ pillar: 'land', score: 2, note: '' }
		]);
		expect(saved).toMatchObject({ status: 200, body: { partnerId: council } });
		expect(
			(await score(workshop.partner, trust, [{ pillar: 'spend', score: 1, note: 'Trust-secret' }]))
				.status
		).toBe(200);

		// What everyone may know arrives: which pillars each partner has scored, never the scores.
		for (const client of [facilitator, trustClient, observer, councilClient]) {
			await waitFor(
				() => readDiagnosis(client.doc).scored.get(trust)?.length === 1,
				'scoring progress to reach every client'
			);
			expect(readDiagnosis(client.doc).scored.get(council)).toEqual(['land', 'spend']);
			expect(readDiagnosis(client.doc).scores).toEqual([]);
			expect(contentOf(client)).not.toMatch(/secret|18% of spend/);
		}
		await raw.roundTrip();
		const received = Buffer.concat(raw.frames).toString('latin1');
		expect(received).toContain('scored');
		expect(received).not.toContain('secret');
		expect(storedBoardText()).not.toContain('secret');

		// Each partner reads its own scores back, and only its own.
		const own = await callJson(scoresUrl(council), { sessionToken: councilMember.sessionToken });
		expect(own.body.scores).toEqual([
			{ partnerId: council, pillar: 'land', score: 2, note: '' },
			{
				partnerId: council,
				pillar: 'spend',
				score: 4,
				note: 'Council-secret: 18% of spend is local'
			}
		]);
		expect(
			(await callJson(scoresUrl(council), { sessionToken: workshop.partner.sessionToken })).status
		).toBe(403);
		expect(
			(await callJson(scoresUrl(council), { sessionToken: workshop.facilitator.sessionToken }))
				.status
		).toBe(403);

		expect((await step('reveal')).status).toBe(200);
		for (const client of [facilitator, trustClient, observer, councilClient]) {
			await waitFor(
				() => readDiagnosis(client.doc).scores.length === 3,
				'the scores to reach every client'
			);
			expect(readDiagnosis(client.doc)).toMatchObject({ status: 'revealed' });
			expect(readDiagnosis(client.doc).scores).toContainEqual({
				partnerId: trust,
				pillar: 'spend',
				score: 1,
				note: 'Trust-secret'
			});
		}
		// Revealed, they are everyone's: even an observer may read them.
		const read = await callJson(scoresUrl(council), {
			sessionToken: workshop.observer.sessionToken
		});
		expect(read).toMatchObject({ status: 200 });
	});

	it('takes the scores off the board when the facilitator opens the diagnosis again', async () => {
		await step('open');
		await score(councilMember, council, [{ pillar: 'spend', score: 3, note: 'x' }]);
		await step('reveal');
		const client = await connect(workshop.partner);
		await waitFor(() => readDiagnosis(client.doc).scores.length === 1, 'the revealed score');
		expect((await step('open')).status).toBe(200);
		await waitFor(() => readDiagnosis(client.doc).status === 'open', 'the diagnosis to reopen');
		expect(readDiagnosis(client.doc).scores).toEqual([]);
		expect(readDiagnosis(client.doc).revealedAt).toBeNull();
	});
});

describe('the diagnosis: results partners cannot forge', () => {
	it('closes the connection of a partner who writes scores onto the board, and keeps the board unchanged', async () => {
		await step('open');
		const trustClient = await connect(workshop.partner);
		const closed = new Promise<number>((resolve) =>
			trustClient.provider.on('connection-close', (event: { code: number } | null) => {
				if (event) resolve(event.code);
			})
		);
		writeDiagnosis(trustClient.doc, {
			...readDiagnosis(trustClient.doc),
			status: 'revealed',
			scores: [{ partnerId: trust, pillar: 'spend', score: 5, note: 'Forged' }]
		});
		expect(await closed).toBe(4403);
		trustClient.provider.disconnect();
		const observer = await connect(workshop.observer);
		expect(readDiagnosis(observer.doc)).toMatchObject({ status: 'open', scores: [] });
	});
});

describe('the diagnosis in the plan’s exports', () => {
	it('puts the heat map into the JSON and Markdown exports once revealed, and not before', async () => {
		const exported = async (format: string) => {
			const response = await fetch(url(`/export.${format}`), {
				headers: { cookie: `pillarboard_session=${workshop.observer.sessionToken}` }
			});
			return response.text();
		};
		await step('open');
		await score(councilMember, council, [
			{ pillar: 'land', score: 5, note: 'Asset transfer of two halls' }
		]);
		expect(JSON.parse(await exported('json')).diagnosis).toBeNull();
		expect(await exported('md')).not.toContain('Asset transfer');
		await step('reveal');
		expect(JSON.parse(await exported('json')).diagnosis).toMatchObject({
			scale: { min: 1, max: 5 },
			scores: [
				{
					partner: { id: council, code: 'KBC' },
					pillar: 'land',
					score: 5,
					note: 'Asset transfer of two halls'
				}
			]
		});
		const markdown = await exported('md');
		expect(markdown).toContain('## Diagnosis');
		expect(markdown).toMatch(/\| Council \(KBC\) \| – \| – \| 5 \| – \| – \|/);
		expect(markdown).toContain(
			'**KBC, Socially productive use of land and property (5):** Asset transfer of two halls'
		);
	});
});

describe('the diagnosis: what is refused, and why', () => {
	it('refuses people who are not signed in or not members', async () => {
		const anonymous = await callJson(scoresUrl(council));
		expect(anonymous).toMatchObject({
			status: 401,
			body: { message: 'Sign in to take part in this workshop.' }
		});
		const outsider = await callJson(scoresUrl(council), {
			sessionToken: workshop.outsider.sessionToken
		});
		expect(outsider.status).toBe(403);
		expect(outsider.body.message).toMatch(/not a member/);
		const nowhere = await callJson(`${app.origin}/workshops/nope/diagnosis`, {
			method: 'POST',
			sessionToken: workshop.facilitator.sessionToken,
			body: { step: 'open' }
		});
		expect(nowhere.status).toBe(404);
	});

	it('refuses another partner’s scores and observers, reading or writing', async () => {
		await step('open');
		const forOther = await score(workshop.partner, council, [
			{ pillar: 'spend', score: 5, note: '' }
		]);
		expect(forOther).toMatchObject({
			status: 403,
			body: { message: 'You may score only the organisation you speak for.' }
		});
		const observer = await score(workshop.observer, trust, [
			{ pillar: 'spend', score: 5, note: '' }
		]);
		expect(observer.status).toBe(403);
		expect(observer.body.message).toMatch(/Observers/);
		const observerReads = await callJson(scoresUrl(trust), {
			sessionToken: workshop.observer.sessionToken
		});
		expect(observerReads.status).toBe(403);
		const facilitatorScores = await score(workshop.facilitator, trust, [
			{ pillar: 'spend', score: 5, note: '' }
		]);
		expect(facilitatorScores.status).toBe(403);
		expect(scoresStored()).toEqual([]);
	});

	it('refuses scores off the scale, unknown pillars and malformed bodies', async () => {
		await step('open');
		const put = (scores: unknown) => score(councilMember, council, scores);
		expect(await put([{ pillar: 'spend', score: 6, note: '' }])).toMatchObject({
			status: 400,
			body: { message: 'Scores are whole numbers from 1 to 5.' }
		});
		expect((await put([{ pillar: 'spend', score: 2.5 }])).status).toBe(400);
		expect((await put([{ pillar: 'spend', score: '3' }])).body.message).toBe(
			'A score is a number, or null to take it away.'
		);
		expect((await put([{ pillar: 'moon', score: 3 }])).body.message).toBe(
			'There is no pillar "moon" on this board.'
		);
		expect((await put([{ pillar: 'spend', score: 3, note: 'x'.repeat(501) }])).status).toBe(400);
		expect((await put('all fives')).status).toBe(400);
		const notJson = await callJson(scoresUrl(council), {
			method: 'PUT',
			sessionToken: councilMember.sessionToken,
			body: '{"scores": [',
			contentType: 'application/json'
		});
		expect(notJson).toMatchObject({
			status: 400,
			body: { message: 'Send the request as JSON (Content-Type: application/json).' }
		});
		const asText = await callJson(scoresUrl(council), {
			method: 'PUT',
			sessionToken: councilMember.sessionToken,
			body: JSON.stringify({ scores: [] }),
			contentType: 'text/plain'
		});
		// Refused either way: by SvelteKit as a cross-site form post, or by the endpoint as not JSON.
		expect([400, 403]).toContain(asText.status);
		expect(scoresStored()).toEqual([]);
	});

	it('refuses scores while scoring is closed, and steps out of order', async () => {
		const closed = await score(councilMember, council, [{ pillar: 'spend', score: 3, note: '' }]);
		expect(closed.status).toBe(409);
		expect(closed.body.message).toMatch(/Scoring is not open/);
		expect((await step('close')).body.message).toBe('Scoring is not open.');
		expect((await step('show')).status).toBe(409);
		expect((await step('explode')).status).toBe(400);
		expect((await step('open', workshop.partner)).body.message).toBe(
			'Only facilitators run the diagnosis.'
		);
	});

	it('lets the facilitator change the scale, but not to one that leaves given scores outside it', async () => {
		const setScale = (scale: unknown) =>
			callJson(url('/diagnosis'), {
				method: 'POST',
				sessionToken: workshop.facilitator.sessionToken,
				body: { scale }
			});
		expect(
			(await setScale({ min: 0, max: 3, minLabel: 'None', maxLabel: 'Fully' })).body
		).toMatchObject({
			scale: { min: 0, max: 3, minLabel: 'None', maxLabel: 'Fully' }
		});
		expect((await setScale({ min: 3, max: 1 })).body.message).toBe(
			'The highest score must be above the lowest.'
		);
		expect((await setScale({ min: 'one', max: 5 })).status).toBe(400);
		await step('open');
		expect(
			(await score(councilMember, council, [{ pillar: 'spend', score: 0, note: '' }])).status
		).toBe(200);
		const excluding = await setScale({ min: 1, max: 5 });
		expect(excluding.status).toBe(409);
		expect(excluding.body.message).toMatch(/A score already given would fall outside 1–5/);
		const row = app.database.db
			.select()
			.from(diagnoses)
			.all()
			.find((each) => each.workshopId === workshop.workshopId);
		expect(row).toMatchObject({ scaleMin: 0, scaleMax: 3 });
	});
});
