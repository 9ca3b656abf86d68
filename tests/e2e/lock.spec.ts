import AxeBuilder from '@axe-core/playwright';
import type { Page, WebSocketRoute } from '@playwright/test';
import { LOCK_REFUSAL } from '../../src/lib/board/facilitation.ts';
import { expect, test } from '../helpers/test.ts';
import {
	addCard,
	card,
	cardReading,
	editCard,
	facilitatorAndPartner,
	lane
} from '../helpers/board.ts';
import { open } from '../helpers/e2e.ts';

/** The CLES preset's first lane, where the toolbar's "Add card" puts a card by default. */
const SPEND = 'Progressive procurement of goods and services';
const SPEND_REFUSAL = LOCK_REFUSAL.lane(SPEND);

/** Serious and critical accessibility problems axe finds on the page as it is. */
async function seriousViolations(page: Page) {
	const results = await new AxeBuilder({ page }).analyze();
	return results.violations
		.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
		.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(' ')}`);
}

/** The facilitator's Lock section, in the panel that "Facilitate" opens. */
async function lockSection(facilitator: Page) {
	await facilitator.getByRole('button', { name: 'Facilitate' }).click();
	return facilitator.getByRole('region', { name: 'Lock' });
}

test('a locked lane refuses a partner’s edit with a message, leaves the facilitator’s board as it was, and takes edits again once unlocked', async ({
	browser
}) => {
	test.setTimeout(90_000); // two people's pages and many steps, on a busy machine
	const { facilitator, partner } = await facilitatorAndPartner(browser, 'Lock workshop');
	await addCard(facilitator, 'Buy local');
	await expect(card(partner, 'Buy local')).toBeVisible();

	const section = await lockSection(facilitator);
	await section.getByRole('checkbox', { name: SPEND }).check();
	await facilitator.screenshot({ path: 'tests/.artifacts/lock-section.png' });

	// The partner sees the lock on the lane itself and in the run strip.
	const spend = lane(partner, SPEND);
	await expect(spend).toHaveAccessibleName(`${SPEND} (locked)`);
	await expect(spend.locator('[data-lock-mark]')).toHaveText('Locked');
	await expect(partner.getByRole('region', { name: 'Workshop run' })).toContainText(
		`${SPEND} locked`
	);

	// Editing a card there is refused, visibly, and no text field opens.
	await card(partner, 'Buy local').dblclick();
	const notice = partner.locator('[data-edit-notice]');
	await expect(notice).toContainText(SPEND_REFUSAL);
	await expect(partner.getByRole('textbox', { name: 'Card text' })).toHaveCount(0);
	await notice.getByRole('button', { name: 'Dismiss' }).click();
	await expect(notice).toHaveCount(0);

	// So is adding one with the lane's own button (at the lane's foot: show the whole board).
	await partner.getByRole('button', { name: 'Fit board' }).click();
	// It is aria-disabled, which Playwright will not click on its own; a person can, and is told why.
	await spend.getByRole('button', { name: `Add card to ${SPEND}` }).click({ force: true });
	await expect(notice).toContainText(SPEND_REFUSAL);
	await expect(spend.getByRole('article')).toHaveCount(1);
	await partner.screenshot({ path: 'tests/.artifacts/lock-lane-partner.png' });
	expect(await seriousViolations(partner)).toEqual([]);
	expect(await seriousViolations(facilitator)).toEqual([]);

	// Another lane still takes the partner's cards.
	await partner
		.getByRole('button', { name: 'Add card to Fair employment and just labour markets' })
		.click();
	await partner.keyboard.type('Real Living Wage');
	await partner.keyboard.press('Escape');
	await expect(card(facilitator, 'Real Living Wage')).toBeVisible();

	// The facilitator's board is as it was: one card in the lane, its text unchanged.
	await expect(lane(facilitator, SPEND).getByRole('article')).toHaveCount(1);
	await expect(cardReading(facilitator, 'Buy local')).toBeVisible();
	// The lock does not stop the facilitator.
	const own = await editCard(facilitator, 'Buy local');
	await facilitator.keyboard.type(' first');
	await facilitator.keyboard.press('Escape');
	await expect(own).toHaveCount(0);
	await expect(cardReading(partner, 'Buy local first')).toBeVisible();

	// Unlocked, the partner edits the lane again, and the facilitator sees it.
	await section.getByRole('checkbox', { name: SPEND }).uncheck();
	await expect(spend).toHaveAccessibleName(SPEND);
	await editCard(partner, 'Buy local first');
	await partner.keyboard.type(', then social');
	await partner.keyboard.press('Escape');
	await expect(cardReading(facilitator, 'Buy local first, then social')).toBeVisible();
});

test('the whole board lock stops a partner’s cards and plan alike', async ({ browser }) => {
	test.setTimeout(90_000);
	const { facilitator, partner, workshopId } = await facilitatorAndPartner(
		browser,
		'Board lock workshop'
	);
	const section = await lockSection(facilitator);
	await section.getByRole('checkbox', { name: 'Lock the whole board' }).check();
	await expect(section.getByRole('checkbox', { name: SPEND })).toBeChecked();
	await expect(section.getByRole('checkbox', { name: SPEND })).toBeDisabled();

	await expect(lane(partner, 'Parking lot')).toHaveAccessibleName('Parking lot (locked)');
	await partner.getByRole('button', { name: 'Add card', exact: true }).click();
	await expect(partner.locator('[data-edit-notice]')).toContainText(LOCK_REFUSAL.board);
	await expect(partner.getByRole('article')).toHaveCount(0);

	// The facilitator still adds cards; in the partner's outline they are read-only, and say why.
	await addCard(facilitator, 'Anchor spend audit');
	await partner.getByRole('button', { name: 'Outline' }).click();
	const outlineSpend = lane(partner, SPEND);
	await expect(outlineSpend.locator('[data-lock-mark]')).toHaveText('Locked');
	await expect(
		partner.getByText('The facilitator has locked the board for now: you can read')
	).toBeVisible();
	await expect(outlineSpend.getByRole('textbox', { name: /^Card 1 in/ })).toHaveValue(
		'Anchor spend audit'
	);
	await expect(outlineSpend.getByRole('textbox', { name: /^Card 1 in/ })).not.toBeEditable();
	await partner.screenshot({ path: 'tests/.artifacts/lock-outline-partner.png' });

	// The plan is read-only for partners while the board is locked, and says why.
	await open(partner, `/workshops/${workshopId}/plan`);
	await expect(partner.getByText('The facilitator has locked the board for now')).toBeVisible();
	await expect(partner.getByRole('button', { name: 'Add action', exact: true })).toHaveCount(0);
	await section.getByRole('checkbox', { name: 'Lock the whole board' }).uncheck();
	await expect(partner.getByRole('button', { name: 'Add action', exact: true })).toBeVisible();
});

test('an edit that races the lock is refused by the server once: the partner’s board reloads without it, says why, and stays connected', async ({
	browser
}) => {
	test.setTimeout(90_000); // two people's pages and many steps, on a busy machine
	const { facilitator, partner, workshopId } = await facilitatorAndPartner(
		browser,
		'Lock race workshop'
	);
	await addCard(facilitator, 'Buy local');

	// The partner's board from now on goes through a relay that can hold back what the server
	// sends to its first socket, so that the partner types before their board hears of the lock.
	let holding = false;
	const held: { route: WebSocketRoute; message: string | Buffer }[] = [];
	const closes: number[] = [];
	let sockets = 0;
	await partner.routeWebSocket(/\/sync\//, (page) => {
		const first = ++sockets === 1;
		const server = page.connectToServer();
		server.onMessage((message) => {
			if (holding && first) held.push({ route: page, message });
			else page.send(message);
		});
		server.onClose((code, reason) => {
			closes.push(code ?? 0);
			page.close({ code, reason });
		});
	});
	await open(partner, `/workshops/${workshopId}`);
	await expect(partner.getByText('Online', { exact: true })).toBeVisible();
	await expect(card(partner, 'Buy local')).toBeVisible();

	holding = true;
	const section = await lockSection(facilitator);
	await section.getByRole('checkbox', { name: SPEND }).check();
	// The server has the lock once it has relayed it to the partner (into the relay's hands).
	await expect.poll(() => held.length).toBeGreaterThan(0);
	await expect(lane(partner, SPEND)).toHaveAccessibleName(SPEND);

	await editCard(partner, 'Buy local');
	await partner.keyboard.type(' typed too late');
	holding = false;

	// Refused once: the board is loaded afresh, without the edit, and says why.
	await expect(partner.locator('[data-edit-notice]')).toContainText(
		`${SPEND_REFUSAL} Your last change was not saved.`
	);
	await expect(lane(partner, SPEND)).toHaveAccessibleName(`${SPEND} (locked)`);
	await expect(cardReading(partner, 'Buy local')).toBeVisible();
	await expect(partner.getByText('Online', { exact: true })).toBeVisible();
	expect(closes).toEqual([4423]);
	expect(sockets).toBe(2);
	await expect(cardReading(facilitator, 'Buy local')).toBeVisible();
});
