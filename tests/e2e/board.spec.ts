import { expect, test } from '@playwright/test';
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
	const facilitator = await signUp(browser, newPerson('Nia Facilitator'));
	const workshopId = await createWorkshop(facilitator, 'Anchor procurement workshop');
	for (const lane of CLES_LANES) {
		await expect(facilitator.getByRole('heading', { name: lane })).toBeVisible();
	}

	const partnerPerson = newPerson('Sam Partner');
	const partner = await signUp(browser, partnerPerson);
	addMember(workshopId, partnerPerson.email, 'partner');
	await open(partner, `/workshops/${workshopId}`);
	await expect(partner.getByText('Online', { exact: true })).toBeVisible();
	await expect(facilitator.getByText('Sam Partner')).toBeVisible();

	await facilitator.getByRole('button', { name: 'Add card', exact: true }).click();
	// The new card has the cursor: typing goes straight into it.
	await facilitator.keyboard.type('Joint spend analysis of the top 300 suppliers');
	await expect(partner.getByRole('textbox', { name: /card text/i }).first()).toHaveValue(
		'Joint spend analysis of the top 300 suppliers',
		{ timeout: 1_000 }
	);

	// Both edit the same card: each sees the other's words.
	const partnerCard = partner.getByRole('textbox', { name: /card text/i }).first();
	await partnerCard.press('End');
	await partnerCard.pressSequentially(' (with the NHS trust)');
	await expect(facilitator.getByRole('textbox', { name: /card text/i }).first()).toHaveValue(
		'Joint spend analysis of the top 300 suppliers (with the NHS trust)'
	);
});

test('a card moved to another lane or deleted changes for everyone', async ({ browser }) => {
	const facilitator = await signUp(browser, newPerson('Ife Facilitator'));
	const workshopId = await createWorkshop(facilitator, 'Land and property workshop');
	const partnerPerson = newPerson('Kai Partner');
	const partner = await signUp(browser, partnerPerson);
	addMember(workshopId, partnerPerson.email, 'partner');
	await open(partner, `/workshops/${workshopId}`);

	await facilitator.getByRole('button', { name: 'Add card', exact: true }).click();
	await facilitator.keyboard.type('Community asset transfer register');
	const landLane = partner.getByRole('region', { name: /Socially productive use of land/ });
	const spendLane = partner.getByRole('region', { name: /Progressive procurement/ });
	await expect(spendLane.getByRole('textbox', { name: /card text/i })).toHaveValue(
		'Community asset transfer register'
	);

	await facilitator
		.getByRole('combobox', { name: /move/i })
		.first()
		.selectOption({ label: CLES_LANES[2] });
	await expect(landLane.getByRole('textbox', { name: /card text/i })).toHaveValue(
		'Community asset transfer register'
	);
	await expect(spendLane.getByRole('textbox', { name: /card text/i })).toHaveCount(0);

	await partner
		.getByRole('button', { name: /delete card/i })
		.first()
		.click();
	await expect(facilitator.getByRole('textbox', { name: /card text/i })).toHaveCount(0);
});

test('an observer sees the board but cannot change it', async ({ browser }) => {
	const facilitator = await signUp(browser, newPerson('Ola Facilitator'));
	const workshopId = await createWorkshop(facilitator, 'Observed workshop');
	await facilitator.getByRole('button', { name: 'Add card', exact: true }).click();
	await facilitator.keyboard.type('Credit union payroll saving');

	const observerPerson = newPerson('Cllr Observer');
	const observer = await signUp(browser, observerPerson);
	addMember(workshopId, observerPerson.email, 'observer');
	await open(observer, `/workshops/${workshopId}`);
	await expect(observer.getByText(/you are observing/i)).toBeVisible();
	const card = observer.getByRole('textbox', { name: /card text/i });
	await expect(card).toHaveValue('Credit union payroll saving');
	await expect(card).not.toBeEditable();
	await expect(observer.getByRole('button', { name: /add card/i })).toHaveCount(0);
	await expect(observer.getByRole('button', { name: /delete card/i })).toHaveCount(0);
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
