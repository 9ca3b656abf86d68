import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from '../helpers/test.ts';
import { addCard, card, facilitatorAndPartner, lane } from '../helpers/board.ts';
import { addMember, newPerson, open, signUp } from '../helpers/e2e.ts';

/** Everything the server sends a page from now on: websocket frames and HTTP response bodies. */
function recordTraffic(page: Page) {
	const received: Buffer[] = [];
	const reading: Promise<unknown>[] = [];
	page.on('websocket', (socket) => {
		socket.on('framereceived', ({ payload }) => {
			received.push(typeof payload === 'string' ? Buffer.from(payload) : payload);
		});
	});
	page.on('response', (response) => {
		// Redirects and some cached responses have no body to read; everything else is kept.
		reading.push(
			response.body().then(
				(body) => received.push(body),
				() => undefined
			)
		);
	});
	return {
		/** Whether any byte received so far holds `text` (UTF-8, as Yjs and JSON carry it). */
		async includes(text: string): Promise<boolean> {
			await Promise.allSettled(reading);
			return received.some((bytes) => bytes.includes(Buffer.from(text)));
		}
	};
}

/** Serious and critical accessibility problems axe finds on the page as it is. */
async function seriousViolations(page: Page) {
	const results = await new AxeBuilder({ page }).analyze();
	return results.violations
		.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
		.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(' ')}`);
}

test('a private card reaches nobody else, not even in the traffic, until the facilitator reveals it in its lane', async ({
	browser
}) => {
	const {
		facilitator,
		partner: sam,
		workshopId
	} = await facilitatorAndPartner(browser, 'Private brainstorming workshop');
	const olaPerson = newPerson('Ola Partner');
	const ola = await signUp(browser, olaPerson);
	addMember(workshopId, olaPerson.email, 'partner');
	// Ola's traffic is recorded from the first byte of the board page on.
	const olaTraffic = recordTraffic(ola);
	await open(ola, `/workshops/${workshopId}`);

	// A public card, made before private mode: its later edits go to everyone.
	await addCard(facilitator, 'Public marker');
	await expect(card(ola, 'Public marker')).toBeVisible();

	await facilitator.getByRole('button', { name: 'Facilitate' }).click();
	const panel = facilitator.getByRole('region', { name: 'Private brainstorming' });
	await panel.getByRole('checkbox', { name: 'Private mode' }).check();
	await expect(panel).toContainText('No private cards are waiting.');

	// Sam adds a card with the lane's own button; it is drawn as private, on Sam's board only.
	const secret = 'Sam secret: a community energy co-op';
	const saved = sam.waitForResponse(
		(response) =>
			response.request().method() === 'PATCH' && response.url().includes('/private-cards/')
	);
	// The lanes' own buttons sit at their feet: show the whole board first (it opens on the lanes).
	await sam.getByRole('button', { name: 'Fit board' }).click();
	await sam.getByRole('button', { name: 'Add card to Plural ownership of the economy' }).click();
	// In one go, so that any leak of it, from either side, would carry the whole text at once.
	await sam.keyboard.insertText(secret);
	await sam.keyboard.press('Escape');
	expect((await saved).ok()).toBe(true);
	const mine = card(lane(sam, 'Plural ownership'), secret);
	await expect(mine).toHaveAccessibleName(
		/private: only you can see this until the facilitator reveals/
	);
	await expect(sam.locator('[data-card-id]', { hasText: secret })).toContainText(
		'Only you can see this'
	);
	await expect(sam.getByRole('toolbar', { name: 'Selected cards' })).toContainText(
		'Private cards are tagged and grouped once revealed.'
	);
	await expect(panel).toContainText('1 private card from 1 person waiting to be revealed.');
	expect(await seriousViolations(sam)).toEqual([]);
	expect(await seriousViolations(facilitator)).toEqual([]);

	// Nothing typed is lost on reload: Sam's private cards come with the page.
	await sam.reload();
	await expect(card(lane(sam, 'Plural ownership'), secret)).toBeVisible();

	// A public edit after the private card: once Ola has it, a leak would have arrived too.
	await card(facilitator, 'Public marker').click({ position: { x: 24, y: 16 } });
	await facilitator.keyboard.press('Enter');
	await facilitator.keyboard.insertText(' moved on');
	await facilitator.keyboard.press('Escape');
	await expect(card(ola, 'Public marker moved on')).toBeVisible();
	await expect(card(ola, secret)).toHaveCount(0);
	expect(await olaTraffic.includes(secret)).toBe(false);
	expect(await olaTraffic.includes(' moved on')).toBe(true);

	await panel.getByRole('button', { name: 'Reveal private cards' }).click();
	await expect(panel).toContainText('1 private card revealed; private mode is off.');
	await expect(panel.getByRole('checkbox', { name: 'Private mode' })).not.toBeChecked();
	const revealed = card(lane(ola, 'Plural ownership'), secret);
	await expect(revealed).toBeVisible();
	await expect(revealed).toHaveAccessibleName(new RegExp(`^${secret}; by Sam Partner`));
	expect(await olaTraffic.includes(secret)).toBe(true);

	// Sam's private copy gave way to the board's card, which Sam edits like any other.
	await expect(sam.locator('[data-card-id]', { hasText: secret })).toHaveCount(1);
	await expect(sam.getByText('Only you can see this')).toHaveCount(0);
	await card(sam, secret).click({ position: { x: 24, y: 16 } });
	await sam.keyboard.press('Enter');
	await sam.keyboard.type(' for the estate');
	await sam.keyboard.press('Escape');
	await expect(card(lane(ola, 'Plural ownership'), `${secret} for the estate`)).toBeVisible();
});
