import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { addCard, listCards } from '../../src/lib/board/cards.ts';
import { COMMAND_LINE } from '../../src/lib/server/audit.ts';
import { invalidateUserSessions } from '../../src/lib/server/auth/session.ts';
import { loadBoardDoc } from '../../src/lib/server/board-store.ts';
import { SqliteBoardStore } from '../../src/lib/server/board-store-sqlite.ts';
import { apiTokens } from '../../src/lib/server/db/schema.ts';
import { listMembers, removeMember, setMember } from '../../src/lib/server/members.ts';
import { CLOSE } from '../../server/sync/close-codes.ts';
import { createTestWorkshop, type TestWorkshop } from '../helpers/accounts.ts';
import { runCli } from '../helpers/cli.ts';
import {
	connectClient,
	openRaw,
	type Credentials,
	type RawConnection
} from '../helpers/clients.ts';
import { mapSetUpdate, updateFrame } from '../helpers/frames.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { waitFor } from '../helpers/wait.ts';

/** The promise: changes reach open connections within this. */
const WITHIN_MS = 5_000;

let server: TestServer;
let workshop: TestWorkshop;

beforeEach(async () => {
	server = await startTestServer();
	workshop = createTestWorkshop(server.database.db);
});

afterEach(async () => {
	await server.close();
});

function open(credentials: Credentials): Promise<RawConnection> {
	return openRaw(`${server.syncUrl}/${workshop.workshopId}`, credentials);
}

/** Resolves with the close code and reason, and how long after `since` it came. */
function closed(connection: RawConnection, since: number) {
	return new Promise<{ code: number; reason: string; afterMs: number }>((resolve) =>
		connection.socket.once('close', (code, reason) =>
			resolve({ code, reason: reason.toString(), afterMs: Date.now() - since })
		)
	);
}

describe('changes of access reach open connections', () => {
	it('closes a removed member’s open board within 5 seconds, saying why', async () => {
		const partner = await open({ sessionToken: workshop.partner.sessionToken });
		const started = Date.now();
		const ended = closed(partner, started);
		removeMember(server.database.db, {
			workshopId: workshop.workshopId,
			userId: workshop.partner.id,
			actor: COMMAND_LINE
		});
		const outcome = await ended;
		expect(outcome).toMatchObject({
			code: CLOSE.forbidden,
			reason: 'You have been removed from this workshop.'
		});
		expect(outcome.afterMs).toBeLessThan(WITHIN_MS);
	});

	it('closes the board of a member removed with the CLI in another process within 5 seconds', async () => {
		const observer = await open({ apiToken: workshop.observer.apiToken });
		const started = Date.now();
		const ended = closed(observer, started);
		const result = runCli(
			['member', 'remove', '--workshop', workshop.workshopId, '--email', workshop.observer.email],
			server.database.file
		);
		expect(result.status, result.stderr).toBe(0);
		const outcome = await ended;
		expect(outcome.code).toBe(CLOSE.forbidden);
		expect(outcome.afterMs).toBeLessThan(WITHIN_MS + 2_000); // the CLI's own start-up included
	});

	it('drops a downgraded partner’s updates and asks the client to reconnect with the new role', async () => {
		const facilitator = await open({ sessionToken: workshop.facilitator.sessionToken });
		const partner = await open({ sessionToken: workshop.partner.sessionToken });
		const started = Date.now();
		const ended = closed(partner, started);
		const result = runCli(
			[
				'member',
				'add',
				'--workshop',
				workshop.workshopId,
				'--email',
				workshop.partner.email,
				'--role',
				'observer'
			],
			server.database.file
		);
		expect(result.status, result.stderr).toBe(0);
		const outcome = await ended;
		expect(outcome).toMatchObject({
			code: CLOSE.roleChanged,
			reason: 'Your role in this workshop has changed.'
		});

		// Back on the board, now as an observer: the same edit is dropped.
		const again = await open({ sessionToken: workshop.partner.sessionToken });
		again.socket.send(updateFrame(mapSetUpdate('cards', 'late', 'written after the downgrade')));
		await again.roundTrip();
		await facilitator.roundTrip();
		expect(facilitator.frames.filter((f) => f[0] === 0 && f[1] === 2)).toEqual([]);
		const stored = loadBoardDoc(new SqliteBoardStore(server.database.db), workshop.workshopId).doc;
		expect(stored.getMap('cards').has('late')).toBe(false);
		again.socket.close();
		facilitator.socket.close();
	});

	it('lets a member upgraded to partner write after reconnecting', async () => {
		const client = connectClient(server.syncUrl, workshop.workshopId, {
			sessionToken: workshop.observer.sessionToken
		});
		await client.synced;
		const reconnected = new Promise<void>((resolve) =>
			client.provider.on('connection-close', (event) => {
				if (event?.code === CLOSE.roleChanged) client.provider.once('sync', () => resolve());
			})
		);
		setMember(server.database.db, {
			workshopId: workshop.workshopId,
			userId: workshop.observer.id,
			role: 'partner',
			actor: COMMAND_LINE
		});
		await reconnected;
		addCard(client.doc, { pillar: 'spend', text: 'now I may write' });
		const store = new SqliteBoardStore(server.database.db);
		await waitFor(() => store.countUpdates(workshop.workshopId) > 0, 'the card to be stored');
		const stored = loadBoardDoc(store, workshop.workshopId).doc;
		expect(listCards(stored).map((card) => card.text)).toEqual(['now I may write']);
		client.destroy();
	});

	it('closes every open board of a user who signs out everywhere', async () => {
		const first = await open({ sessionToken: workshop.partner.sessionToken });
		const started = Date.now();
		const ended = closed(first, started);
		invalidateUserSessions(server.database.db, workshop.partner.id);
		const outcome = await ended;
		expect(outcome).toMatchObject({
			code: CLOSE.unauthenticated,
			reason: 'You have been signed out.'
		});
		expect(outcome.afterMs).toBeLessThan(WITHIN_MS);
	});

	it('closes a script’s connection when its API token is revoked', async () => {
		const script = await open({ apiToken: workshop.facilitator.apiToken });
		const ended = closed(script, Date.now());
		server.database.db.delete(apiTokens).where(eq(apiTokens.userId, workshop.facilitator.id)).run();
		expect((await ended).code).toBe(CLOSE.unauthenticated);
	});
});

describe('who is online', () => {
	it('shows a member online while connected, then when they were last seen', async () => {
		const member = () =>
			listMembers(server.database.db, workshop.workshopId).find(
				(m) => m.userId === workshop.partner.id
			)!;
		expect(member()).toMatchObject({ online: false, lastSeenAt: null });
		const partner = await open({ sessionToken: workshop.partner.sessionToken });
		await partner.roundTrip();
		expect(member().online).toBe(true);
		const left = closed(partner, Date.now());
		partner.socket.close();
		await left;
		await waitFor(() => !member().online, 'the member to go offline');
		expect(member().lastSeenAt).toBeGreaterThan(0);
	});
});
