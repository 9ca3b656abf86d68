import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import type { Browser, Page } from '@playwright/test';
import { expect, test } from '../helpers/test.ts';
import { runCli } from '../helpers/cli.ts';
import { e2eDatabase, newPerson, open, signUp, type Person } from '../helpers/e2e.ts';

const KESTRELFORD = fileURLToPath(new URL('../../server/demo/kestrelford.json', import.meta.url));

/** A facilitator, signed in, with a workshop imported from the Kestrelford plan (8 partners). */
async function facilitatorWithWorkshop(
	browser: Browser,
	title: string
): Promise<{ page: Page; person: Person; workshopId: string }> {
	const person = newPerson('Nia Okafor');
	const page = await signUp(browser, person);
	const result = runCli(
		['workshop', 'create', '--title', title, '--from', KESTRELFORD, '--owner', person.email],
		e2eDatabase()
	);
	if (result.status !== 0) throw new Error(`workshop create failed: ${result.stderr}`);
	return { page, person, workshopId: result.lastLine };
}

/** Creates an invite link on the invites page and returns the link, shown once. */
async function createInviteLink(
	page: Page,
	workshopId: string,
	options: { partner?: string; guests?: boolean; uses?: number; label?: string } = {}
): Promise<string> {
	await open(page, `/workshops/${workshopId}/invites`);
	await expect(page.getByLabel('Role')).toHaveValue('partner');
	if (options.partner) {
		await page.getByLabel('Partner organisation').selectOption({ label: options.partner });
	}
	if (options.uses) await page.getByLabel('Number of uses').fill(String(options.uses));
	if (options.guests) await page.getByLabel('Let people join as a guest').check();
	if (options.label) await page.getByLabel('Label').fill(options.label);
	await page.getByRole('button', { name: 'Create invite link' }).click();
	const field = page.getByRole('textbox', { name: 'Invite link' });
	await expect(field).toHaveValue(/\/invite\/[a-z2-7]{32}$/);
	await expect(page.getByText('it cannot be shown again')).toBeVisible();
	return field.inputValue();
}

/** A page in a fresh browser context: nobody signed in. */
async function freshPage(browser: Browser): Promise<Page> {
	const context = await browser.newContext();
	return context.newPage();
}

/** The id under which an invite link is stored: the SHA-256 of its token. */
function inviteId(link: string): string {
	const token = link.split('/').pop()!;
	return createHash('sha256').update(token).digest('hex');
}

test('a new person opens a partner invite link, signs up, and adds a card for that partner', async ({
	browser
}) => {
	const { page: facilitator, workshopId } = await facilitatorWithWorkshop(
		browser,
		'Procurement kick-off'
	);
	const link = await createInviteLink(facilitator, workshopId, {
		partner: 'Kestrelford Borough Council (KBC)',
		label: 'Council economy team'
	});
	const row = facilitator.getByRole('row', { name: /Council economy team/ });
	await expect(row).toContainText('Kestrelford Borough Council (KBC)');
	await expect(row).toContainText('Active');

	const page = await freshPage(browser);
	await open(page, link);
	await expect(
		page.getByRole('heading', { name: 'You are invited to Procurement kick-off' })
	).toBeVisible();
	await expect(page.getByText('as a partner for Kestrelford Borough Council')).toBeVisible();
	await expect(page.getByText('Invitation from Nia Okafor')).toBeVisible();
	await page.getByRole('link', { name: 'Create an account' }).click();

	const person = newPerson('Sam Reid');
	await page.locator('body[data-hydrated]').waitFor();
	await page.getByLabel('Name').fill(person.name);
	await page.getByLabel('Email').fill(person.email);
	await page.getByLabel('Password').fill(person.password);
	await page.getByRole('button', { name: 'Create account' }).click();

	await expect(page).toHaveURL(new RegExp(`/workshops/${workshopId}$`));
	await page.getByRole('button', { name: 'Add card', exact: true }).click();
	await page.keyboard.type('Local food suppliers directory');
	// The card names its author and the author's partner organisation, and shows its code.
	const byCouncil = /^Local food suppliers directory; by Sam Reid \(Kestrelford Borough Council\)/;
	await expect(page.getByRole('article', { name: byCouncil })).toContainText('KBC');
	await open(facilitator, `/workshops/${workshopId}`);
	await expect(facilitator.getByRole('article', { name: byCouncil })).toContainText('KBC');

	// The link counted one use; the page for managing links stays the facilitators'.
	await open(facilitator, `/workshops/${workshopId}/invites`);
	await expect(facilitator.getByRole('row', { name: /Council economy team/ })).toContainText(
		'1 (no limit)'
	);
	const response = await page.goto(`/workshops/${workshopId}/invites`);
	expect(response?.status()).toBe(403);
	await expect(page.getByText('Only the facilitators of this workshop')).toBeVisible();
});

test('a guest joins with only a name, adds a card and is on the board as themselves', async ({
	browser
}) => {
	const { page: facilitator, workshopId } = await facilitatorWithWorkshop(browser, 'Open session');
	const link = await createInviteLink(facilitator, workshopId, { guests: true });
	await open(facilitator, `/workshops/${workshopId}`);

	const guest = await freshPage(browser);
	await open(guest, link);
	await guest.getByLabel('Your name').fill('Gus Guest');
	await guest.getByRole('button', { name: 'Join as a guest' }).click();
	await expect(guest).toHaveURL(new RegExp(`/workshops/${workshopId}$`));

	await guest.getByRole('button', { name: 'Add card', exact: true }).click();
	await guest.keyboard.type('Community shares for the old library');
	const byGuest = /^Community shares for the old library; by Gus Guest/;
	await expect(guest.getByRole('article', { name: byGuest })).toBeVisible();
	const presence = facilitator.getByRole('region', { name: 'On the board' });
	await expect(presence.getByText('Gus Guest')).toBeVisible();
	await expect(facilitator.getByRole('article', { name: byGuest })).toBeVisible();

	// Home, for a guest, is the workshop they were invited to.
	await open(guest, '/');
	await expect(guest).toHaveURL(new RegExp(`/workshops/${workshopId}$`));
});

test('an expired link shows what happened and whom to ask', async ({ browser }) => {
	const { page: facilitator, workshopId } = await facilitatorWithWorkshop(browser, 'Late joiners');
	const link = await createInviteLink(facilitator, workshopId);
	const db = new Database(e2eDatabase());
	try {
		db.prepare('UPDATE invites SET expires_at = ? WHERE id = ?').run(
			Date.now() - 1000,
			inviteId(link)
		);
	} finally {
		db.close();
	}

	const page = await freshPage(browser);
	const response = await page.goto(link);
	expect(response?.status()).toBe(410);
	await expect(
		page.getByRole('heading', { name: 'This invite link no longer works' })
	).toBeVisible();
	await expect(page.getByText(/"Late joiners" expired on/)).toBeVisible();
	await expect(page.getByText('Ask Nia Okafor, who created it, for a new link.')).toBeVisible();

	await open(facilitator, `/workshops/${workshopId}/invites`);
	await expect(facilitator.getByRole('row').nth(1)).toContainText('Expired');
	await expect(facilitator.getByRole('button', { name: /Revoke/ })).toHaveCount(0);
});

test('a revoked link stops working at once', async ({ browser }) => {
	const { page: facilitator, workshopId } = await facilitatorWithWorkshop(browser, 'Revoked');
	const link = await createInviteLink(facilitator, workshopId, { label: 'Sent to the wrong list' });
	await facilitator.getByRole('button', { name: /Revoke the link Sent to the wrong list/ }).click();
	await expect(facilitator.getByRole('status')).toContainText('The link is revoked');
	await expect(facilitator.getByRole('row', { name: /Sent to the wrong list/ })).toContainText(
		'Revoked'
	);

	const page = await freshPage(browser);
	const response = await page.goto(link);
	expect(response?.status()).toBe(410);
	await expect(page.getByText(/has been revoked/)).toBeVisible();
	await expect(page.getByText('Ask Nia Okafor, who created it, for a new link.')).toBeVisible();
});

test('a one-use link lets one signed-in person in at once and refuses the next', async ({
	browser
}) => {
	const { page: facilitator, workshopId } = await facilitatorWithWorkshop(browser, 'One seat');
	const link = await createInviteLink(facilitator, workshopId, { uses: 1 });

	const first = await signUp(browser, newPerson('Kai Osei'));
	await open(first, link);
	await expect(first).toHaveURL(new RegExp(`/workshops/${workshopId}$`));
	await expect(first.getByRole('button', { name: 'Add card', exact: true })).toBeVisible();

	const second = await signUp(browser, newPerson('Ola Second'));
	const response = await second.goto(link);
	expect(response?.status()).toBe(410);
	await expect(second.getByText(/used by as many people as it allows \(1\)/)).toBeVisible();
	const board = await second.goto(`/workshops/${workshopId}`);
	expect(board?.status()).toBe(403);

	// The first person opening the link again simply goes back to the board.
	await open(first, link);
	await expect(first).toHaveURL(new RegExp(`/workshops/${workshopId}$`));
});

test('a link that no workshop has is a 404 that says whom to ask', async ({ page }) => {
	const response = await page.goto('/invite/abcdefghijklmnopqrstuvwxyz234567');
	expect(response?.status()).toBe(404);
	await expect(page.getByRole('heading', { name: 'This invite link does not work' })).toBeVisible();
	await expect(page.getByText(/Ask the facilitator who sent it to you/)).toBeVisible();
});
