import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from '../helpers/test.ts';
import { addCard, card, cardReading, facilitatorAndPartner, lane } from '../helpers/board.ts';

/** Presses Tab until the board canvas has the keyboard, as someone without a mouse would. */
async function tabIntoBoard(page: Page) {
	const canvas = page.getByRole('application', { name: 'Board canvas' });
	for (let presses = 0; presses < 40; presses++) {
		await page.keyboard.press('Tab');
		if (await canvas.evaluate((element) => element === document.activeElement)) return;
	}
	throw new Error('Tab never reached the board canvas.');
}

/** Serious and critical accessibility problems axe finds on the page as it is. */
async function seriousViolations(page: Page) {
	const results = await new AxeBuilder({ page }).analyze();
	return results.violations
		.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
		.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(' ')}`);
}

test('undo takes back only my own change, never the other person’s', async ({ browser }) => {
	const { facilitator, partner } = await facilitatorAndPartner(browser, 'Undo workshop');
	await addCard(facilitator, 'Alpha from the facilitator');
	await addCard(partner, 'Beta from the partner');
	await expect(facilitator.getByRole('article')).toHaveCount(2);

	// The partner's card arrived after the facilitator's, yet undo skips it.
	await facilitator.keyboard.press('Control+z');
	await expect(card(facilitator, 'Alpha from the facilitator')).toHaveCount(0);
	await expect(card(partner, 'Alpha from the facilitator')).toHaveCount(0);
	await expect(card(facilitator, 'Beta from the partner')).toHaveCount(1);
	await expect(card(partner, 'Beta from the partner')).toHaveCount(1);

	// Nothing more of mine to undo: the partner's card stays.
	await expect(facilitator.getByRole('button', { name: 'Undo' })).toBeDisabled();
	await facilitator.keyboard.press('Control+z');
	await expect(card(partner, 'Beta from the partner')).toHaveCount(1);

	await facilitator.keyboard.press('Control+Shift+z');
	await expect(card(partner, 'Alpha from the facilitator')).toHaveCount(1);

	// The partner's own undo takes back the partner's card only.
	await partner.getByRole('button', { name: 'Undo' }).click();
	await expect(card(facilitator, 'Beta from the partner')).toHaveCount(0);
	await expect(card(facilitator, 'Alpha from the facilitator')).toHaveCount(1);
});

test('with the keyboard alone a person creates, edits and moves a card', async ({ browser }) => {
	const { facilitator, partner } = await facilitatorAndPartner(browser, 'Keyboard workshop');
	await tabIntoBoard(partner);

	// N adds a card to the first lane with the caret in it.
	await partner.keyboard.press('n');
	await partner.keyboard.type('Guaranteed interviews for care leavers');
	await partner.keyboard.press('Escape');
	const added = card(partner, 'Guaranteed interviews for care leavers');
	await expect(added).toBeFocused();

	// Enter edits it again; Escape gives the keyboard back to the card.
	await partner.keyboard.press('Enter');
	await partner.keyboard.type(' across all anchors');
	await partner.keyboard.press('Escape');
	await expect(
		card(partner, 'Guaranteed interviews for care leavers across all anchors')
	).toBeFocused();

	// Shift+→ moves it to the next lane, twice.
	await partner.keyboard.press('Shift+ArrowRight');
	await partner.keyboard.press('Shift+ArrowRight');
	const land = lane(facilitator, 'Socially productive');
	await expect(
		cardReading(land, 'Guaranteed interviews for care leavers across all anchors')
	).toBeVisible();
	await expect(card(partner, 'Guaranteed interviews')).toBeFocused();

	// A second card, and the arrow keys go between them.
	await partner.keyboard.press('n');
	await partner.keyboard.type('Second idea');
	await partner.keyboard.press('Escape');
	await partner.keyboard.press('ArrowUp');
	await expect(card(partner, 'Guaranteed interviews')).toBeFocused();
	await partner.keyboard.press('Delete');
	await expect(card(facilitator, 'Guaranteed interviews')).toHaveCount(0);
	await expect(card(facilitator, 'Second idea')).toHaveCount(1);

	// Tab leads from a card to its own controls, then to its lane's "Add card" button, which
	// Enter presses.
	await expect(card(partner, 'Second idea')).toBeFocused();
	await partner.keyboard.press('Tab');
	await expect(partner.getByRole('button', { name: 'Make it an action' })).toBeFocused();
	await partner.keyboard.press('Tab');
	await expect(
		partner.getByRole('button', { name: /^Add card to Socially productive/ })
	).toBeFocused();
	await partner.keyboard.press('Enter');
	await partner.keyboard.type('Third idea');
	await partner.keyboard.press('Escape');
	await expect(cardReading(lane(facilitator, 'Socially productive'), 'Third idea')).toBeVisible();
});

test('editing in the outline view edits the board live for everyone', async ({ browser }) => {
	const { facilitator, partner } = await facilitatorAndPartner(browser, 'Outline workshop');
	await partner.getByRole('button', { name: 'Outline' }).click();
	const workforce = lane(partner, 'Fair employment');
	await workforce.getByRole('button', { name: /Add card to Fair employment/ }).click();
	const field = workforce.getByRole('textbox', { name: /Card 1 in Fair employment/ });
	await expect(field).toBeFocused();
	await field.pressSequentially('Shared Real Living Wage campaign');

	await expect(
		cardReading(lane(facilitator, 'Fair employment'), 'Shared Real Living Wage campaign')
	).toBeVisible();

	// Typed on the canvas, it shows in the outline at once.
	await card(facilitator, 'Shared Real Living Wage campaign').dblclick();
	await facilitator.keyboard.press('End');
	await facilitator.keyboard.type(' with local employers');
	await expect(field).toHaveValue('Shared Real Living Wage campaign with local employers');

	// Moved in the outline, it moves on the canvas.
	await workforce
		.getByRole('combobox', { name: /Lane of card 1/ })
		.selectOption({ label: 'Plural ownership of the economy' });
	await expect(
		cardReading(
			lane(facilitator, 'Plural ownership'),
			'Shared Real Living Wage campaign with local employers'
		)
	).toBeVisible();
});

test('the board, its outline and the pillar editor pass an axe scan', async ({ browser }) => {
	// Three full axe scans take a while on a busy machine.
	test.setTimeout(90_000);
	const { facilitator } = await facilitatorAndPartner(browser, 'Accessible workshop');
	await addCard(facilitator, 'Publish a forward plan of contracts');
	expect(await seriousViolations(facilitator)).toEqual([]);

	await facilitator.getByRole('button', { name: 'Outline' }).click();
	await expect(facilitator.getByRole('textbox', { name: /Card 1 in/ })).toBeVisible();
	expect(await seriousViolations(facilitator)).toEqual([]);

	await facilitator.getByRole('button', { name: 'Edit pillars' }).click();
	await expect(facilitator.getByRole('dialog', { name: 'Pillars of this workshop' })).toBeVisible();
	expect(await seriousViolations(facilitator)).toEqual([]);
});
