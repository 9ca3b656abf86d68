/**
 * Versions and agreement against a real server and stock y-websocket clients: a restore reaches
 * everyone connected as an ordinary edit, automatic versions are saved when a session ends, and
 * the agreed version never changes, whatever happens to the board afterwards.
 */
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { addAction, listActions } from '../../src/lib/board/actions.ts';
import { addPartner } from '../../src/lib/board/board-doc.ts';
import { SqliteBoardStore } from '../../src/lib/server/board-store-sqlite.ts';
import { agreements, boardVersions, signOffs } from '../../src/lib/server/db/schema.ts';
import { setMember } from '../../src/lib/server/members.ts';
import { COMMAND_LINE } from '../../src/lib/server/audit.ts';
import {
	agreePlan,
	agreedAgreement,
	answerProposal,
	proposePlan
} from '../../src/lib/server/agreement.ts';
import { saveHourlyVersions } from '../../server/board-versions.ts';
import {
	HOURLY_VERSION_MS,
	getVersion,
	hashState,
	listVersions,
	restoreVersion,
	saveNamedVersion
} from '../../src/lib/server/versions.ts';
import { createPerson, createTestWorkshop } from '../helpers/accounts.ts';
import { connectClient, type TestClient } from '../helpers/clients.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { waitFor } from '../helpers/wait.ts';

let server: TestServer;
const clients: TestClient[] = [];

afterEach(async () => {
	for (const client of clients.splice(0)) client.destroy();
	await server.close();
});

async function connect(workshopId: string, apiToken: string): Promise<TestClient> {
	const client = connectClient(server.syncUrl, workshopId, { apiToken });
	clients.push(client);
	await client.synced;
	return client;
}

const titles = (client: TestClient) => listActions(client.doc).map((action) => action.title);

describe('versions', () => {
	it('restores a version live for every connected client, after saving the board as it was as a new version', async () => {
		server = await startTestServer();
		const { db } = server.database;
		const store = new SqliteBoardStore(db);
		const { workshopId, facilitator, partner } = createTestWorkshop(db);
		const fran = await connect(workshopId, facilitator.apiToken);
		const pat = await connect(workshopId, partner.apiToken);
		addAction(fran.doc, { pillar: 'spend', title: 'Buy from Llanfair suppliers – £2m' });
		await waitFor(() => titles(pat).length === 1, 'the first action to reach Pat');

		const saved = saveNamedVersion(db, store, {
			workshopId,
			name: 'After the morning',
			actor: { id: facilitator.id, name: facilitator.name }
		});
		expect(saved.summary).toBe('First version: 1 actions, 0 cards.');

		addAction(pat.doc, { pillar: 'land', title: 'Community asset transfer' });
		await waitFor(() => titles(fran).length === 2, 'the second action to reach Fran');

		const kept = restoreVersion(db, store, {
			workshopId,
			version: saved,
			actor: { id: facilitator.id, name: facilitator.name }
		});
		await waitFor(
			() => titles(fran).length === 1 && titles(pat).length === 1,
			'both clients to sync to the restored version'
		);
		expect(titles(pat)).toEqual(['Buy from Llanfair suppliers – £2m']);
		expect(kept.kind).toBe('before-restore');
		expect(kept.summary).toContain('1 action added');
		expect(listVersions(db, workshopId).map((version) => version.number)).toEqual([2, 1]);
		// The restore was stored before it was relayed: a fresh client sees it too.
		const late = await connect(workshopId, partner.apiToken);
		expect(titles(late)).toEqual(['Buy from Llanfair suppliers – £2m']);
	});

	it('saves a version automatically when the last client leaves a changed board, and none when nothing changed', async () => {
		server = await startTestServer();
		const { db } = server.database;
		const { workshopId, facilitator } = createTestWorkshop(db);
		const first = await connect(workshopId, facilitator.apiToken);
		addAction(first.doc, { pillar: 'finance', title: 'Credit union payroll savings' });
		await waitFor(() => server.running.sync.rooms.get(workshopId) !== undefined, 'the room');
		first.destroy();
		await waitFor(() => listVersions(db, workshopId).length === 1, 'the end-of-session version');
		expect(listVersions(db, workshopId)[0].kind).toBe('session');

		const second = await connect(workshopId, facilitator.apiToken);
		second.destroy();
		await waitFor(() => server.running.sync.rooms.size === 0, 'the room to unload');
		expect(listVersions(db, workshopId)).toHaveLength(1);
	});
});

describe('hourly versions', () => {
	it('saves one for an active board that changed, and none again within the hour', async () => {
		server = await startTestServer();
		const { db } = server.database;
		const { workshopId, facilitator } = createTestWorkshop(db);
		const fran = await connect(workshopId, facilitator.apiToken);
		addAction(fran.doc, { pillar: 'workforce', title: 'Real Living Wage – all contractors' });
		const store = new SqliteBoardStore(db);
		await waitFor(() => store.countUpdates(workshopId) > 0, 'the edit to be stored');
		const rooms = server.running.sync.rooms;
		const now = Date.now();
		expect(saveHourlyVersions(db, rooms, now)).toBe(1);
		expect(listVersions(db, workshopId)[0].kind).toBe('hourly');
		addAction(fran.doc, { pillar: 'workforce', title: 'Apprenticeships in Uibhist' });
		// Not a count of stored updates: the server's own ref for the first action is one too.
		await waitFor(
			() => listActions(rooms.get(workshopId)!.doc).length === 2,
			'the second edit to reach the board'
		);
		expect(saveHourlyVersions(db, rooms, now + 30 * 60 * 1000)).toBe(0);
		expect(saveHourlyVersions(db, rooms, now + HOURLY_VERSION_MS)).toBe(1);
		expect(saveHourlyVersions(db, rooms, now + 3 * HOURLY_VERSION_MS)).toBe(0);
	});
});

describe('agreement', () => {
	it('never changes the agreed version’s bytes or hash after later edits, and the database refuses to change them', async () => {
		server = await startTestServer();
		const { db } = server.database;
		const store = new SqliteBoardStore(db);
		const { workshopId, facilitator, partner } = createTestWorkshop(db);
		const other = createPerson(db, 'Eilidh Council');
		const fran = await connect(workshopId, facilitator.apiToken);
		const trust = addPartner(fran.doc, {
			code: 'BCUHB',
			name: 'Betsi Cadwaladr University Health Board',
			type: 'nhs',
			colour: '#005eb8'
		});
		const council = addPartner(fran.doc, {
			code: 'CnES',
			name: 'Comhairle nan Eilean Siar',
			type: 'council',
			colour: '#1d70b8'
		});
		addAction(fran.doc, { pillar: 'spend', title: 'Local food in Llŷn schools', lead: trust });
		await waitFor(() => store.countUpdates(workshopId) >= 2, 'the edits to be stored');
		setMember(db, {
			workshopId,
			userId: partner.id,
			role: 'partner',
			partnerId: trust,
			actor: COMMAND_LINE
		});
		setMember(db, {
			workshopId,
			userId: other.id,
			role: 'partner',
			partnerId: council,
			actor: COMMAND_LINE
		});

		const proposed = proposePlan(db, store, {
			workshopId,
			actor: { id: facilitator.id, name: facilitator.name }
		});
		if (!proposed.ok) throw new Error(proposed.message);
		expect(proposed.value.outstanding.map((p) => p.code)).toEqual(['BCUHB', 'CnES']);
		const answer = (userId: string, name: string, partnerId: string) =>
			answerProposal(db, {
				workshopId,
				actor: { id: userId, name },
				partnerId,
				decision: 'signed',
				comment: ''
			});
		expect(answer(partner.id, partner.name, trust).ok).toBe(true);
		const early = agreePlan(db, {
			workshopId,
			actor: { id: facilitator.id, name: facilitator.name }
		});
		expect(early).toEqual({
			ok: false,
			message: 'Still waiting for Comhairle nan Eilean Siar to sign off.'
		});
		expect(answer(other.id, other.name, council).ok).toBe(true);
		const agreed = agreePlan(db, {
			workshopId,
			actor: { id: facilitator.id, name: facilitator.name }
		});
		if (!agreed.ok) throw new Error(agreed.message);

		const version = agreed.value.version;
		const bytes = Buffer.from(version.state);
		expect(version.contentHash).toBe(hashState(bytes));

		// Later edits, a later named version and a restore do not touch it.
		addAction(fran.doc, { pillar: 'land', title: 'After agreement' });
		await waitFor(() => store.countUpdates(workshopId) >= 3, 'the later edit to be stored');
		const later = saveNamedVersion(db, store, {
			workshopId,
			name: 'Later',
			actor: { id: facilitator.id, name: facilitator.name }
		});
		restoreVersion(db, store, {
			workshopId,
			version: later,
			actor: { id: facilitator.id, name: facilitator.name }
		});
		expect(() =>
			db
				.update(boardVersions)
				.set({ state: Buffer.from('forged') })
				.where(eq(boardVersions.id, version.id))
				.run()
		).toThrow('A saved version is never changed.');
		expect(
			answerProposal(db, {
				workshopId,
				actor: { id: partner.id, name: partner.name },
				partnerId: trust,
				decision: 'changes-requested',
				comment: 'Too late'
			}).ok
		).toBe(false);
		expect(() =>
			db
				.update(agreements)
				.set({ status: 'withdrawn' })
				.where(eq(agreements.id, agreed.value.agreement.id))
				.run()
		).toThrow('An agreed or withdrawn plan is never changed.');
		expect(() =>
			db
				.insert(signOffs)
				.values({
					agreementId: agreed.value.agreement.id,
					partnerId: trust,
					userName: 'Forger',
					decision: 'changes-requested',
					createdAt: Date.now()
				})
				.run()
		).toThrow('Sign-offs are taken only while a plan is proposed.');

		const again = getVersion(db, workshopId, version.id);
		expect(Buffer.compare(Buffer.from(again!.state), bytes)).toBe(0);
		expect(again!.contentHash).toBe(version.contentHash);
		expect(hashState(again!.state)).toBe(version.contentHash);
		expect(agreedAgreement(db, workshopId)?.version.id).toBe(version.id);
		expect(agreedAgreement(db, workshopId)?.outstanding).toEqual([]);
	});
});
