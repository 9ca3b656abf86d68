import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addAction, deleteAction, listActions } from '../../src/lib/board/actions.ts';
import { setActionValues } from '../../src/lib/board/action-edit.ts';
import { REFS_ROOT } from '../../src/lib/board/action-refs.ts';
import { loadBoardDoc } from '../../src/lib/server/board-store.ts';
import { SqliteBoardStore } from '../../src/lib/server/board-store-sqlite.ts';
import { CLOSE } from '../../server/sync/close-codes.ts';
import { createTestWorkshop, type TestWorkshop } from '../helpers/accounts.ts';
import { spawnServer } from '../helpers/child-server.ts';
import { connectClient, waitForConvergence, type TestClient } from '../helpers/clients.ts';
import { createTempDatabase, type TempDatabase } from '../helpers/database.ts';
import { startTestServer } from '../helpers/server.ts';
import { waitFor } from '../helpers/wait.ts';

/** Stock y-websocket clients adding actions at the same moment. */
const CLIENTS = 8;

let database: TempDatabase;
let workshop: TestWorkshop;
const clients: TestClient[] = [];

beforeEach(() => {
	database = createTempDatabase();
	workshop = createTestWorkshop(database.db);
});

afterEach(() => {
	for (const client of clients.splice(0)) client.destroy();
	database.remove();
});

function connect(syncUrl: string, index: number): TestClient {
	// Half facilitators, half partners: both roles may add actions.
	const person = index % 2 === 0 ? workshop.facilitator : workshop.partner;
	const client = connectClient(syncUrl, workshop.workshopId, { sessionToken: person.sessionToken });
	clients.push(client);
	return client;
}

const refsOf = (client: TestClient) => listActions(client.doc).map((action) => action.ref);

describe('action refs given by the sync server', () => {
	it('gives unique refs in one pillar to actions that many clients add at the same moment, and keeps them across a restart', async () => {
		const first = await spawnServer(database.file);
		const group = Array.from({ length: CLIENTS }, (_, i) => connect(first.syncUrl, i));
		await Promise.all(group.map((client) => client.synced));

		// Every client adds two spend actions in the same tick, before hearing of anyone else's.
		for (const [i, client] of group.entries()) {
			addAction(client.doc, { pillar: 'spend', title: `Action ${i}a` });
			addAction(client.doc, { pillar: 'spend', title: `Action ${i}b` });
		}
		await waitFor(
			() =>
				group.every((client) => {
					const refs = refsOf(client);
					return refs.length === CLIENTS * 2 && refs.every((ref) => ref !== '');
				}),
			'every client to see every action with a ref'
		);
		await waitForConvergence(group);
		const refs = refsOf(group[0]);
		expect(new Set(refs).size).toBe(CLIENTS * 2);
		expect(refs).toEqual(
			Array.from({ length: CLIENTS * 2 }, (_, i) => `SP-${String(i + 1).padStart(2, '0')}`)
		);
		const byTitle = new Map(listActions(group[0].doc).map((a) => [a.title, a.ref]));

		// A deleted action's ref is never handed out again.
		deleteAction(group[0].doc, listActions(group[0].doc).find((a) => a.ref === 'SP-16')!.id);
		await waitFor(() => refsOf(group[1]).length === CLIENTS * 2 - 1, 'the deletion to spread');

		for (const client of clients.splice(0)) client.destroy();
		first.process.kill('SIGTERM');
		await first.exited;

		const second = await spawnServer(database.file);
		try {
			const reader = connect(second.syncUrl, 1);
			await reader.synced;
			expect(new Map(listActions(reader.doc).map((a) => [a.title, a.ref]))).toEqual(
				new Map([...byTitle].filter(([, ref]) => ref !== 'SP-16'))
			);
			const id = addAction(reader.doc, { pillar: 'spend', title: 'After the restart' });
			await waitFor(
				() => listActions(reader.doc).find((a) => a.id === id)?.ref === 'SP-17',
				'the new action to get SP-17'
			);
		} finally {
			for (const client of clients.splice(0)) client.destroy();
			second.process.kill('SIGTERM');
			await second.exited;
		}
	});

	it('gives refs per pillar prefix and leaves a ref alone when its action moves pillar', async () => {
		const server = await startTestServer({ database });
		try {
			const [a, b] = [connect(server.syncUrl, 0), connect(server.syncUrl, 1)];
			await Promise.all([a.synced, b.synced]);
			// a is a facilitator's client, b a partner's: only facilitators bring refs (an import).
			const wage = addAction(b.doc, { pillar: 'workforce', title: 'Wage' });
			addAction(a.doc, { ref: 'FI-07', pillar: 'finance', title: 'Imported' });
			await waitFor(() => refsOf(a).join() === 'FI-07,WF-01', 'both refs');
			addAction(b.doc, { pillar: 'finance', title: 'Credit union' });
			setActionValues(b.doc, wage, { pillar: 'finance' });
			await waitFor(
				() => listActions(a.doc).length === 3 && refsOf(a).every((ref) => ref !== ''),
				'refs for all three'
			);
			await waitForConvergence([a, b]);
			expect(refsOf(b)).toEqual(['FI-07', 'FI-08', 'WF-01']);
			expect(listActions(b.doc).find((action) => action.id === wage)).toMatchObject({
				pillar: 'finance',
				ref: 'WF-01'
			});
		} finally {
			await server.close();
		}
	});

	it("cuts off a partner's client that writes to the refs register, which keeps what the server wrote", async () => {
		const server = await startTestServer({ database });
		try {
			const partner = connect(server.syncUrl, 1);
			await partner.synced;
			const first = addAction(partner.doc, { pillar: 'spend', title: 'First' });
			await waitFor(() => refsOf(partner).join() === 'SP-01', 'SP-01');
			const closed = new Promise<number>((resolve) =>
				partner.provider.once('connection-close', (event) => resolve(event!.code))
			);
			// Claiming SP-01 for another action by rewriting the register.
			const second = addAction(partner.doc, { pillar: 'spend', title: 'Second' });
			partner.doc.getMap(REFS_ROOT).set('SP-01', second);
			expect(await closed).toBe(CLOSE.forbidden);
			const stored = loadBoardDoc(new SqliteBoardStore(database.db), workshop.workshopId).doc;
			expect(stored.getMap(REFS_ROOT).get('SP-01')).toBe(first);
		} finally {
			await server.close();
		}
	});
});
