import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { addCard, listCards } from '../../src/lib/board/cards.ts';
import { CLOSE } from '../../server/sync/close-codes.ts';
import { MAX_PAYLOAD_BYTES } from '../../server/sync/limits.ts';
import { createTestWorkshop, type TestWorkshop } from '../helpers/accounts.ts';
import { connectClient, openRaw, waitForConvergence, type TestClient } from '../helpers/clients.ts';
import { awarenessFrame, mapSetUpdate, updateFrame } from '../helpers/frames.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { waitFor } from '../helpers/wait.ts';

let server: TestServer;
let workshop: TestWorkshop;
let bystanders: TestClient[];

beforeEach(async () => {
	server = await startTestServer();
	workshop = createTestWorkshop(server.database.db);
	bystanders = [
		connectClient(server.syncUrl, workshop.workshopId, {
			sessionToken: workshop.facilitator.sessionToken
		}),
		connectClient(server.syncUrl, workshop.workshopId, { apiToken: workshop.partner.apiToken })
	];
	await Promise.all(bystanders.map((client) => client.synced));
	addCard(bystanders[0].doc, { pillar: 'spend', text: 'before the attack' });
	await waitForConvergence(bystanders);
});

afterEach(async () => {
	for (const client of bystanders) client.destroy();
	await server.close();
});

/** Opens an attacker socket as a partner (who may write) and resolves with its close code. */
async function sendAsPartner(
	frame: Uint8Array | string
): Promise<{ code: number; reason: string }> {
	const { socket } = await openRaw(`${server.syncUrl}/${workshop.workshopId}`, {
		sessionToken: workshop.partner.sessionToken
	});
	const closed = new Promise<{ code: number; reason: string }>((resolve) =>
		socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() }))
	);
	socket.send(frame);
	return closed;
}

function boardState(): string {
	const room = server.running.sync.rooms.get(workshop.workshopId);
	return Buffer.from(Y.encodeStateAsUpdate(room!.doc)).toString('hex');
}

/** The bystanders still work: a new edit reaches both. */
async function expectBystandersStillServed(): Promise<void> {
	expect(bystanders.every((client) => client.provider.wsconnected)).toBe(true);
	addCard(bystanders[1].doc, { pillar: 'land', text: 'after the attack' });
	await waitForConvergence(bystanders);
	expect(listCards(bystanders[0].doc).map((c) => c.text)).toEqual([
		'before the attack',
		'after the attack'
	]);
}

const truncatedVarint = Uint8Array.of(0, 2, 0xff, 0xff, 0xff);
const validUpdate = mapSetUpdate('cards', 'x', 'y');
const corruptBody = validUpdate.slice(0, Math.floor(validUpdate.length / 2));
function garbageUpdate(): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, 3); // three "clients" that do not follow
	encoding.writeVarUint(encoder, 999);
	return encoding.toUint8Array(encoder);
}

describe('malformed frames', () => {
	const cases: [string, () => Uint8Array | string][] = [
		['a text frame', () => 'hello'],
		['an empty frame', () => new Uint8Array(0)],
		['an unknown message type', () => Uint8Array.of(42, 1, 2, 3)],
		['an unknown sync subtype', () => Uint8Array.of(0, 9, 0)],
		['a truncated length', () => truncatedVarint],
		['a sync update with a corrupt body', () => updateFrame(corruptBody)],
		['a sync update that claims structs it does not contain', () => updateFrame(garbageUpdate())],
		[
			'an awareness frame whose state is not JSON',
			() => awarenessFrame(Uint8Array.of(1, 7, 1, 3, 0x7b, 0x7b, 0x7b))
		],
		['an awareness frame with trailing bytes', () => awarenessFrame(Uint8Array.of(0, 9, 9))]
	];

	for (const [name, frame] of cases) {
		it(`closes only the sender of ${name} (4400) and leaves the board unchanged`, async () => {
			const before = boardState();
			const outcome = await sendAsPartner(frame());
			expect(outcome).toEqual({
				code: CLOSE.malformed,
				reason: 'The server could not read a message from this connection.'
			});
			expect(boardState()).toBe(before);
			await expectBystandersStillServed();
		});
	}
});

describe('edits that build on edits the server has not received', () => {
	/** An update of no structs that deletes `len` items of `client` from `clock` on. */
	function deletionsOnly(client: number, clock: number, len: number): Uint8Array {
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, 0); // no structs
		encoding.writeVarUint(encoder, 1); // deletions of one client
		encoding.writeVarUint(encoder, client);
		encoding.writeVarUint(encoder, 1);
		encoding.writeVarUint(encoder, clock);
		encoding.writeVarUint(encoder, len);
		return encoding.toUint8Array(encoder);
	}

	it("are dropped, not kept waiting: a deletion of the facilitator's next edits never lands", async () => {
		const facilitator = bystanders[0].doc;
		const next = Y.getState(facilitator.store, facilitator.clientID);
		const outcome = await sendAsPartner(
			updateFrame(deletionsOnly(facilitator.clientID, next, 2 ** 40))
		);
		expect(outcome).toEqual({
			code: CLOSE.outOfOrder,
			reason:
				'This connection sent edits ahead of what they build on; reconnecting sends them again.'
		});
		const room = server.running.sync.rooms.get(workshop.workshopId)!;
		expect(room.doc.store.pendingDs).toBeNull();
		addCard(facilitator, { pillar: 'land', text: 'the next edit' });
		await waitForConvergence(bystanders);
		expect(listCards(room.doc).map((card) => card.text)).toContain('the next edit');
	});

	it('are dropped, not kept waiting: an item parked beside one the server has not seen', async () => {
		// A partner's item whose left neighbour is the facilitator's next item: it would land in
		// whatever map that item goes to, unchecked.
		const facilitator = bystanders[0].doc;
		const ahead = new Y.Doc();
		Y.applyUpdate(ahead, Y.encodeStateAsUpdate(facilitator));
		ahead.clientID = facilitator.clientID;
		const before = Y.encodeStateVector(ahead);
		ahead.getMap('refs').set('SP-02', 'parked');
		const unseen = Y.encodeStateAsUpdate(ahead, before);
		const riding = new Y.Doc();
		Y.applyUpdate(riding, Y.encodeStateAsUpdate(ahead));
		const base = Y.encodeStateVector(riding);
		riding.getMap('refs').set('SP-02', 'hijacked');
		const parked = Y.encodeStateAsUpdate(riding, base);
		expect(unseen.length).toBeGreaterThan(0);

		const outcome = await sendAsPartner(updateFrame(parked));
		expect(outcome.code).toBe(CLOSE.outOfOrder);
		const room = server.running.sync.rooms.get(workshop.workshopId)!;
		expect(room.doc.store.pendingStructs).toBeNull();
		expect(room.doc.getMap('refs').has('SP-02')).toBe(false);
		await expectBystandersStillServed();
	});
});

describe('oversized frames', () => {
	it(`closes the sender of a frame over ${MAX_PAYLOAD_BYTES} bytes with 1009`, async () => {
		const before = boardState();
		const outcome = await sendAsPartner(new Uint8Array(MAX_PAYLOAD_BYTES + 1));
		expect(outcome.code).toBe(CLOSE.messageTooBig);
		expect(boardState()).toBe(before);
		await expectBystandersStillServed();
	});
});

describe('awareness', () => {
	it('removes the presence of a client when it disconnects', async () => {
		const visitor = connectClient(server.syncUrl, workshop.workshopId, {
			sessionToken: workshop.observer.sessionToken
		});
		visitor.provider.awareness.setLocalStateField('user', { name: 'Olu' });
		const seesVisitor = () =>
			[...bystanders[0].provider.awareness.getStates().values()].some(
				(s) => s.user?.name === 'Olu Observer'
			);
		await waitFor(seesVisitor, 'the visitor to appear');
		visitor.destroy();
		await waitFor(() => !seesVisitor(), 'the visitor to disappear');
		expect(seesVisitor()).toBe(false);
	});

	it('shows the authenticated name in presence, whatever the client claims', async () => {
		const impostor = connectClient(server.syncUrl, workshop.workshopId, {
			sessionToken: workshop.observer.sessionToken
		});
		impostor.provider.awareness.setLocalStateField('user', {
			id: workshop.facilitator.id,
			name: 'The Mayor',
			role: 'facilitator',
			colour: '#ff0000'
		});
		const seen = () =>
			[...bystanders[0].provider.awareness.getStates().entries()].find(
				([clientId]) => clientId === impostor.doc.clientID
			)?.[1];
		await waitFor(() => seen() !== undefined, 'the impostor to appear');
		expect(seen()?.user).toEqual({
			id: workshop.observer.id,
			name: 'Olu Observer',
			role: 'observer',
			colour: '#ff0000'
		});
		impostor.destroy();
	});

	it("does not let one connection change or erase another's presence", async () => {
		const victimId = bystanders[1].doc.clientID;
		bystanders[1].provider.awareness.setLocalStateField('user', { name: 'Pat' });
		const victimState = () => bystanders[0].provider.awareness.getStates().get(victimId);
		await waitFor(() => victimState() !== undefined, 'the victim to appear');
		const attacker = await openRaw(`${server.syncUrl}/${workshop.workshopId}`, {
			sessionToken: workshop.observer.sessionToken
		});
		// Claims the victim's client id with a far higher clock: first a new state, then removal.
		const entry = (state: string) => {
			const encoder = encoding.createEncoder();
			encoding.writeVarUint(encoder, 1);
			encoding.writeVarUint(encoder, victimId);
			encoding.writeVarUint(encoder, 1_000_000);
			encoding.writeVarString(encoder, state);
			return awarenessFrame(encoding.toUint8Array(encoder));
		};
		attacker.socket.send(entry(JSON.stringify({ user: { name: 'Hijacked' } })));
		attacker.socket.send(entry('null'));
		await attacker.roundTrip();
		const room = server.running.sync.rooms.get(workshop.workshopId)!;
		expect(room.awareness.getStates().get(victimId)?.user).toMatchObject({
			name: 'Pat Partner',
			id: workshop.partner.id
		});
		expect(room.awareness.meta.get(victimId)?.clock).toBeLessThan(1_000_000);
		expect(victimState()?.user).toMatchObject({ name: 'Pat Partner' });
		attacker.socket.close();
	});
});
