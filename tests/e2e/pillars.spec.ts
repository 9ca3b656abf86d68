import { expect, test } from '../helpers/test.ts';
import { cardReading, facilitatorAndPartner, lane } from '../helpers/board.ts';

test('the facilitator edits the pillar set and everyone’s lanes follow', async ({ browser }) => {
	const { facilitator, partner } = await facilitatorAndPartner(browser, 'Pillar workshop');
	await expect(partner.getByRole('button', { name: 'Edit pillars' })).toHaveCount(0);
	await facilitator
		.getByRole('button', { name: 'Add card to Fair employment and just labour markets' })
		.click();
	await facilitator.keyboard.type('Care leavers into apprenticeships');
	await facilitator.keyboard.press('Escape');

	await facilitator.getByRole('button', { name: 'Edit pillars' }).click();
	const editor = facilitator.getByRole('dialog', { name: 'Pillars of this workshop' });

	// A sixth, cross-cutting pillar.
	await editor.getByLabel('Name of the new pillar').fill('Democratising the local economy');
	await editor.getByLabel('What it means').fill('Residents and workers shape decisions.');
	await editor.getByRole('button', { name: 'Add pillar' }).click();
	await expect(
		partner.getByRole('heading', { name: 'Democratising the local economy' })
	).toBeVisible();

	// Renamed: same lane, new name.
	await editor.getByLabel('Name of pillar 1').fill('Buying local');
	await editor.getByLabel('Name of pillar 1').press('Tab');
	await expect(partner.getByRole('heading', { name: 'Buying local' })).toBeVisible();

	// Reordered: the new pillar moves to the front.
	await editor
		.getByRole('button', { name: 'Move Democratising the local economy earlier' })
		.click();
	await expect(editor.getByLabel('Name of pillar 5')).toHaveValue(
		'Democratising the local economy'
	);

	// Removed, its card moved into another lane rather than lost.
	await editor
		.getByRole('button', { name: 'Remove Fair employment and just labour markets' })
		.click();
	await editor.getByLabel('Lane to move the cards to').selectOption({ label: 'Buying local' });
	await editor.getByRole('button', { name: 'Confirm removal' }).click();
	await expect(
		partner.getByRole('heading', { name: 'Fair employment and just labour markets' })
	).toHaveCount(0);
	await expect(
		cardReading(lane(partner, 'Buying local'), 'Care leavers into apprenticeships')
	).toBeVisible();

	// A preset brings back its wording and its pillars; the added pillar stays.
	await editor.getByLabel('Preset').selectOption({ label: 'Scottish Government' });
	await editor.getByRole('button', { name: 'Use preset wording' }).click();
	for (const name of ['Spending', 'Workforce', 'Democratising the local economy']) {
		await expect(partner.getByRole('heading', { name, exact: true })).toBeVisible();
	}
});
