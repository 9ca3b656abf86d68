import { expect, test } from '../helpers/test.ts';
import { addCard, card, facilitatorAndPartner, lane } from '../helpers/board.ts';

test('others see my pointer and my selection on their canvas', async ({ browser }) => {
	const { facilitator, partner } = await facilitatorAndPartner(browser, 'Presence workshop');
	const added = await addCard(partner, 'Partner idea');
	await added.click();
	const canvas = (await partner.getByRole('application', { name: 'Board canvas' }).boundingBox())!;
	await partner.mouse.move(canvas.x + 700, canvas.y + 400);
	await partner.mouse.move(canvas.x + 720, canvas.y + 420);
	// Decorative marks (hidden from screen readers, who have the presence list): found by text.
	await expect(facilitator.locator('.cursor', { hasText: 'Sam Partner' })).toBeVisible();
	await expect(
		facilitator
			.locator('[data-card-id]', { hasText: 'Partner idea' })
			.getByText('Sam Partner', { exact: true })
			.first()
	).toBeVisible();
});

test('cards picked by shift-click or a box are grouped, tagged and recoloured for everyone', async ({
	browser
}) => {
	const { facilitator, partner } = await facilitatorAndPartner(browser, 'Cluster workshop');
	await addCard(facilitator, 'Bread from local bakers');
	await addCard(facilitator, 'Dairy from Vale farms');
	await addCard(facilitator, 'Unrelated idea');

	// Shift-click picks two cards; the toolbar groups them into a named cluster.
	await card(facilitator, 'Bread from local bakers').click();
	await card(facilitator, 'Dairy from Vale farms').click({ modifiers: ['Shift'] });
	const selected = facilitator.getByRole('toolbar', { name: 'Selected cards' });
	await expect(selected).toContainText('2 cards selected');
	await selected.getByLabel('Cluster name').fill('Local food');
	await selected.getByRole('button', { name: 'Group' }).click();
	for (const text of ['Bread from local bakers', 'Dairy from Vale farms']) {
		await expect(
			partner.getByRole('article', { name: new RegExp(`^${text}; .*cluster Local food`) })
		).toBeVisible();
	}
	await expect(partner.getByRole('article', { name: /^Unrelated idea; .*cluster/ })).toHaveCount(0);

	// A box drawn with Shift round the whole first lane picks all three; they turn green.
	const spend = (await lane(facilitator, 'Progressive procurement').boundingBox())!;
	await facilitator.mouse.move(spend.x + 4, spend.y + 150);
	await facilitator.keyboard.down('Shift');
	await facilitator.mouse.down();
	await facilitator.mouse.move(spend.x + spend.width - 4, spend.y + spend.height - 60, {
		steps: 8
	});
	await facilitator.mouse.up();
	await facilitator.keyboard.up('Shift');
	await expect(selected).toContainText('3 cards selected');
	await selected.getByRole('button', { name: 'Colour green' }).click();
	await expect(partner.locator('[data-card-id]').first()).toHaveCSS(
		'background-color',
		'rgb(215, 240, 210)'
	);

	// One card tagged.
	await card(facilitator, 'Unrelated idea').click();
	await selected.getByLabel('Tags, separated by commas').fill('quick win, NHS');
	await selected.getByLabel('Tags, separated by commas').press('Enter');
	await expect(
		partner.getByRole('article', { name: /^Unrelated idea; .*tags quick win, NHS/ })
	).toBeVisible();
});
