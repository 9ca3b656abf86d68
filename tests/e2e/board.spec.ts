import { expect, test } from '../helpers/test.ts';
import {
	addCard,
	card,
	cardReading,
	dragCard,
	editCard,
	facilitatorAndPartner,
	lane
} from '../helpers/board.ts';
import { addMember, createWorkshop, newPerson, open, signUp } from '../helpers/e2e.ts';

const CLES_LANES = [
	'Progressive procurement of goods and services',
	'Fair employment and just labour markets',
	'Socially productive use of land and property',
	'Plural ownership of the economy',
	'Making financial power work for local places'
];

test('a card typed by the facilitator appears for another member within a second', async ({
	browser
}) => {
	const { facilitator, partner } = await facilitatorAndPartner(browser, 'Anchor procurement');
	for (const name of CLES_LANES) {
		await expect(facilitator.getByRole('heading', { name })).toBeVisible();
	}
	await expect(facilitator.getByText('Sam Partner')).toBeVisible();

	await facilitator.getByRole('button', { name: 'Add card', exact: true }).click();
	// The new card has the cursor: typing goes straight into it.
	await facilitator.keyboard.type('Joint spend analysis of the top 300 suppliers');
	await expect(cardReading(partner, 'Joint spend analysis of the top 300 suppliers')).toBeVisible({
		timeout: 1_000
	});
});

test('two people typing in the same card at once end up with the same text', async ({
	browser
}) => {
	const { facilitator, partner } = await facilitatorAndPartner(browser, 'Concurrent typing');
	await addCard(facilitator, 'local supply chains');
	const partnerField = await editCard(partner, 'local supply chains');
	await partner.keyboard.press('End');
	const facilitatorField = await editCard(facilitator, 'local supply chains');
	await facilitator.keyboard.press('Home');

	// Both type at the same moment, one at each end of the text.
	await Promise.all([
		facilitatorField.pressSequentially('Grow ', { delay: 20 }),
		partnerField.pressSequentially(' with the NHS trust', { delay: 20 })
	]);
	const merged = 'Grow local supply chains with the NHS trust';
	await expect(facilitatorField).toHaveValue(merged);
	await expect(partnerField).toHaveValue(merged);
});

test('a card dragged into another lane moves there for the other person too', async ({
	browser
}) => {
	const { facilitator, partner } = await facilitatorAndPartner(browser, 'Land workshop');
	const added = await addCard(facilitator, 'Community asset transfer register');
	await expect(lane(partner, 'Progressive procurement').getByRole('article')).toHaveCount(1);

	const land = (await lane(facilitator, 'Socially productive').boundingBox())!;
	await dragCard(facilitator, added, { x: land.x + land.width / 2, y: land.y + 320 });

	const partnerLand = lane(partner, 'Socially productive');
	await expect(cardReading(partnerLand, 'Community asset transfer register')).toBeVisible();
	await expect(lane(partner, 'Progressive procurement').getByRole('article')).toHaveCount(0);
});

test('a card moved with the selection toolbar or deleted changes for everyone', async ({
	browser
}) => {
	const { facilitator, partner } = await facilitatorAndPartner(browser, 'Moves and deletes');
	await addCard(facilitator, 'Credit union payroll saving');
	await facilitator
		.getByRole('combobox', { name: 'Move selected to lane' })
		.selectOption({ label: CLES_LANES[4] });
	await expect(
		cardReading(lane(partner, 'Making financial power'), 'Credit union payroll saving')
	).toBeVisible();

	await card(partner, 'Credit union payroll saving').click();
	await partner
		.getByRole('toolbar', { name: 'Selected cards' })
		.getByRole('button', { name: 'Delete' })
		.click();
	await expect(facilitator.getByRole('article')).toHaveCount(0);
});

test('an observer sees the board but cannot change it', async ({ browser }) => {
	const facilitator = await signUp(browser, newPerson('Ola Facilitator'));
	const workshopId = await createWorkshop(facilitator, 'Observed workshop');
	await addCard(facilitator, 'Credit union payroll saving');

	const observerPerson = newPerson('Cllr Observer');
	const observer = await signUp(browser, observerPerson);
	addMember(workshopId, observerPerson.email, 'observer');
	await open(observer, `/workshops/${workshopId}`);
	await expect(observer.getByText(/you are observing/i)).toBeVisible();
	await expect(cardReading(observer, 'Credit union payroll saving')).toBeVisible();
	// Neither a double-click nor Enter opens the card's text for editing.
	await card(observer, 'Credit union payroll saving').dblclick();
	await observer.keyboard.press('Enter');
	await expect(observer.getByRole('textbox', { name: 'Card text' })).toHaveCount(0);
	await expect(observer.getByRole('button', { name: /add card/i })).toHaveCount(0);
	await expect(observer.getByRole('button', { name: /delete/i })).toHaveCount(0);
	await expect(observer.getByRole('button', { name: 'Edit pillars' })).toHaveCount(0);
});

test('someone who is not a member gets a clear refusal instead of the board', async ({
	browser
}) => {
	const facilitator = await signUp(browser, newPerson('Ada Facilitator'));
	const workshopId = await createWorkshop(facilitator, 'Private workshop');
	const stranger = await signUp(browser, newPerson('Stranger'));
	const response = await stranger.goto(`/workshops/${workshopId}`);
	expect(response?.status()).toBe(403);
	await expect(stranger.getByText(/not a member of this workshop/i)).toBeVisible();
	await expect(stranger.getByRole('button', { name: /add card/i })).toHaveCount(0);
});
