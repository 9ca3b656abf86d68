import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from '@playwright/test';
import { expect, test } from '../helpers/test.ts';
import { fileURLToPath } from 'node:url';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { listCards } from '../../src/lib/board/cards.ts';
import { votesOnItems } from '../../src/lib/board/vote-results.ts';
import { listVotes } from '../../src/lib/board/votes.ts';
import { loadBoardDoc } from '../../src/lib/server/board-store.ts';
import { SqliteBoardStore } from '../../src/lib/server/board-store-sqlite.ts';
import { createDb } from '../../src/lib/server/db/index.ts';
import { addCard, card } from '../helpers/board.ts';
import { runCli } from '../helpers/cli.ts';
import { addMember, e2eDatabase, newPerson, open, signUp } from '../helpers/e2e.ts';

const FIXTURE = fileURLToPath(new URL('../../server/demo/kestrelford.json', import.meta.url));

/** Everything a page's board socket receives, kept as the raw frames. */
function recordFrames(page: Page): Buffer[] {
	const frames: Buffer[] = [];
	page.on('websocket', (socket) => {
		socket.on('framereceived', ({ payload }) => {
			frames.push(typeof payload === 'string' ? Buffer.from(payload) : payload);
		});
	});
	return frames;
}

/**
 * The document a page holds: the board as stored when it opened (pages start from the state
 * inlined by the server) with every sync step 2 and update its socket received applied on top.
 */
function documentFrom(start: Uint8Array, frames: Buffer[]): Y.Doc {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, start);
	for (const frame of frames) {
		const decoder = decoding.createDecoder(frame);
		if (decoding.readVarUint(decoder) !== 0) continue; // not a sync message
		if (decoding.readVarUint(decoder) === 0) continue; // a step 1 carries no content
		Y.applyUpdate(doc, decoding.readVarUint8Array(decoder));
	}
	return doc;
}

/** The board as stored now, read from the end-to-end server's database. */
function storedBoard(workshopId: string): Uint8Array {
	const db = createDb(e2eDatabase());
	try {
		const { doc } = loadBoardDoc(new SqliteBoardStore(db), workshopId);
		return Y.encodeStateAsUpdate(doc);
	} finally {
		db.$client.close();
	}
}

/** The Kestrelford workshop with three cards, its facilitator and three council (KBC) members. */
async function councilWorkshop(browser: Browser) {
	const nia = newPerson('Nia Facilitator');
	const facilitator = await signUp(browser, nia);
	const created = runCli(
		['workshop', 'create', '--title', 'Prioritise', '--owner', nia.email, '--from', FIXTURE],
		e2eDatabase()
	);
	expect(created.status, created.stderr).toBe(0);
	const workshopId = created.lastLine.trim();
	await open(facilitator, `/workshops/${workshopId}`);
	for (const text of ['Local food in schools', 'Living wage for carers', 'Community energy']) {
		await addCard(facilitator, text);
	}
	const members: Page[] = [];
	for (const name of ['Cara Council', 'Carl Council', 'Cleo Council']) {
		const person = newPerson(name);
		const page = await signUp(browser, person);
		addMember(workshopId, person.email, 'partner', 'KBC');
		members.push(page);
	}
	return { facilitator, members, workshopId };
}

test('a vote with a budget per partner is shared by its members, secret until revealed, and ranked after', async ({
	browser
}) => {
	const { facilitator, members, workshopId } = await councilWorkshop(browser);
	const [cara, carl, cleo] = members;
	const frames = recordFrames(cleo);
	const start = storedBoard(workshopId);
	for (const page of members) {
		await open(page, `/workshops/${workshopId}`);
		await expect(card(page, 'Community energy')).toBeVisible();
	}

	// The facilitator starts a vote on every card: 3 votes per organisation, at most 2 on one.
	await facilitator.getByRole('button', { name: 'Facilitate' }).click();
	const section = facilitator.getByRole('region', { name: 'Voting' });
	await section.getByLabel('Question').fill('Which first?');
	await section.getByLabel('Every card on the board (3)').check();
	await section.getByLabel('Votes each').fill('3');
	await section.getByLabel('Budget for').selectOption({ label: 'Each partner organisation' });
	await section.getByLabel('Most on one item').fill('2');
	await section.getByRole('button', { name: 'Start vote' }).click();
	await expect(section).toContainText('3 votes per partner organisation, at most 2 on one card');

	// Two members of the council spend its budget between them…
	await expect(cara.getByText('Votes left: 3 of 3')).toBeVisible();
	const add = (page: Page, text: string) =>
		card(page, text).getByRole('button', { name: 'Add a vote' }).click();
	await add(cara, 'Local food in schools');
	await expect(cara.getByText('Votes left: 2 of 3')).toBeVisible();
	await add(cara, 'Local food in schools');
	await expect(cara.getByText('Votes left: 1 of 3')).toBeVisible();
	await add(carl, 'Living wage for carers');
	await expect(carl.getByText('Votes left: 0 of 3')).toBeVisible();
	// …and the third is refused, with the reason.
	await expect(cleo.getByText('Votes left:')).toBeVisible();
	await add(cleo, 'Community energy');
	await expect(cleo.getByRole('alert')).toHaveText(
		'Your organisation has used all 3 votes: take one off another item first.'
	);
	await expect(
		card(cleo, 'Local food in schools').getByRole('group', { name: 'My votes on this card' })
	).toContainText('2');

	await cleo.screenshot({ path: 'tests/.artifacts/voting-open.png' });
	// Secret: the facilitator sees that one organisation has voted, and no counts anywhere.
	await expect(section).toContainText('1 organisation has voted');
	for (const page of [facilitator, cleo]) {
		await expect(page.getByText(/^\d+ votes?$/)).toHaveCount(0);
	}
	// Nothing the other member's browser received holds a count: the public part only.
	const before = documentFrom(start, frames);
	expect(listCards(before)).toHaveLength(3);
	expect(listVotes(before)).toMatchObject([{ status: 'open', voters: 1, results: [] }]);
	expect(votesOnItems(before, 'cards').size).toBe(0);
	expect(Buffer.concat(frames).includes('voteId')).toBe(false);

	const axe = await new AxeBuilder({ page: facilitator }).analyze();
	expect(axe.violations).toEqual([]);

	// Revealed: ranked in the panel, counted on every card, for everyone.
	await section.getByRole('button', { name: 'Reveal results' }).click();
	const results = section.getByRole('list', { name: 'Results of Which first?' });
	await expect(results.getByRole('listitem')).toHaveText([
		/^1\s*Local food in schools\s*2 votes/,
		/^2\s*Living wage for carers\s*1 vote/,
		/^3\s*Community energy\s*0 votes/
	]);
	await expect(card(cleo, 'Local food in schools')).toContainText('2 votes');
	await expect(card(cleo, 'Living wage for carers')).toContainText('1 vote');
	await expect(cleo.getByText('Votes left:')).toHaveCount(0);
	await expect
		.poll(() => listVotes(documentFrom(start, frames))[0]?.results.map((result) => result.votes))
		.toEqual([2, 1, 0]);
	expect(votesOnItems(documentFrom(start, frames), 'cards').size).toBe(3);
	await facilitator.screenshot({ path: 'tests/.artifacts/voting-revealed.png' });
});
