import type { Browser, Page } from '@playwright/test';
import { expect, test } from '../helpers/test.ts';
import { fileURLToPath } from 'node:url';
import { runCli } from '../helpers/cli.ts';
import { addMember, createWorkshop, e2eDatabase, newPerson, open, signUp } from '../helpers/e2e.ts';

const FIXTURE = fileURLToPath(new URL('../../server/demo/kestrelford.json', import.meta.url));

/** The Kestrelford plan, open on the plan page for its facilitator and a member of the hospital trust (KTH). */
async function kestrelfordPlan(browser: Browser): Promise<{ facilitator: Page; partner: Page }> {
	const nia = newPerson('Nia Facilitator');
	const facilitator = await signUp(browser, nia);
	const created = runCli(
		['workshop', 'create', '--title', 'Kestrelford plan', '--owner', nia.email, '--from', FIXTURE],
		e2eDatabase()
	);
	expect(created.status, created.stderr).toBe(0);
	const workshopId = created.lastLine.trim();
	const priya = newPerson('Priya Partner');
	const partner = await signUp(browser, priya);
	addMember(workshopId, priya.email, 'partner', 'KTH');
	for (const page of [facilitator, partner]) {
		await open(page, `/workshops/${workshopId}/plan`);
		await expect(page.getByText('Online', { exact: true })).toBeVisible();
	}
	return { facilitator, partner };
}

/** Opens an action's editor (by its ref) and returns it. */
async function openAction(page: Page, ref: string) {
	await page
		.getByRole('row', { name: new RegExp(`^${ref}\\b`) })
		.getByRole('button')
		.click();
	const editor = page.getByRole('region', { name: `Edit ${ref}` });
	await expect(editor).toBeVisible();
	return editor;
}

test('concurrent edits to different fields of one action both survive, and typing in one description merges', async ({
	browser
}) => {
	const { facilitator, partner } = await kestrelfordPlan(browser);
	const mine = await openAction(facilitator, 'SP-02');
	const theirs = await openAction(partner, 'SP-02');

	await Promise.all([
		mine.getByLabel('Status').selectOption({ label: 'Complete' }),
		theirs.getByLabel('RAG rating').selectOption({ label: 'Red' })
	]);
	for (const page of [facilitator, partner]) {
		const row = page.getByRole('row', { name: /^SP-02\b/ });
		await expect(row).toContainText('Complete');
		await expect(row).toContainText('Red');
	}

	// Who is editing which action shows on its row for everyone else.
	const description = theirs.getByLabel('Description');
	await description.click();
	await expect(facilitator.getByRole('row', { name: /^SP-02\b/ })).toContainText(
		'Priya Partner is editing'
	);
	await expect(mine).toContainText('Priya Partner is editing the description.');

	await mine.getByLabel('Description').click();
	await mine.getByLabel('Description').press('ControlOrMeta+End');
	await description.press('ControlOrMeta+Home');
	await Promise.all([
		mine.getByLabel('Description').pressSequentially(' Start with bread.', { delay: 15 }),
		description.pressSequentially('Phase 1: ', { delay: 15 })
	]);
	const merged =
		'Phase 1: Break the hospital catering contract into lots that local growers and bakers can bid for, starting with bread and dairy. Start with bread.';
	await expect(mine.getByLabel('Description')).toHaveValue(merged);
	await expect(description).toHaveValue(merged);
});

test('a figure or a date that breaks a rule is refused with a sentence and the stored value is unchanged', async ({
	browser
}) => {
	const { facilitator, partner } = await kestrelfordPlan(browser);
	const theirs = await openAction(partner, 'SP-02');
	const mine = await openAction(facilitator, 'SP-02');

	const target = theirs.getByLabel('Target', { exact: true });
	await target.fill('about thirty');
	await target.press('Enter');
	await expect(
		theirs.getByText('The target must be a number: a percentage, e.g. 25.')
	).toBeVisible();
	await expect(target).toHaveValue('about thirty'); // what they typed is not lost
	await expect(target).toHaveAttribute('aria-invalid', 'true');
	await expect(mine.getByLabel('Target', { exact: true })).toHaveValue('25');
	await expect(facilitator.getByRole('row', { name: /^SP-02\b/ })).toContainText('9% → 25%');

	await theirs.getByLabel('End date').fill('2026-03-01');
	await expect(
		theirs.getByText('The end date cannot be before the start date (2026-04-01).')
	).toBeVisible();
	await expect(mine.getByLabel('End date')).toHaveValue('2028-03-31');

	// Corrected, it is stored and everyone sees it.
	await target.fill('30');
	await target.press('Enter');
	await expect(theirs.getByText(/The target must be a number/)).toHaveCount(0);
	await expect(facilitator.getByRole('row', { name: /^SP-02\b/ })).toContainText('9% → 30%');
});

test('a lead partner’s member accepts or declines the lead, and everyone sees the answer', async ({
	browser
}) => {
	const { facilitator, partner } = await kestrelfordPlan(browser);
	const mine = await openAction(facilitator, 'OW-01');
	await mine
		.getByLabel('Lead partner')
		.selectOption({ label: 'KTH — Kestrelford Teaching Hospitals NHS Trust' });
	const partnerRow = partner.getByRole('row', { name: /^OW-01\b/ });
	await expect(partnerRow).toContainText('KTH');
	await expect(partnerRow).toContainText('Awaiting acceptance');
	// The facilitator does not speak for KTH: no answer buttons for them.
	await expect(mine.getByRole('button', { name: /Accept the lead/ })).toHaveCount(0);

	const theirs = await openAction(partner, 'OW-01');
	await theirs.getByRole('button', { name: 'Accept the lead for KTH' }).click();
	await expect(facilitator.getByRole('row', { name: /^OW-01\b/ })).toContainText('Accepted');
	await expect(mine).toContainText('by Priya Partner');

	const other = await openAction(partner, 'WF-02');
	await other.getByRole('button', { name: 'Decline…' }).click();
	await other.getByLabel('Why does KTH decline?').fill('No apprenticeship budget until 2027.');
	await other.getByRole('button', { name: 'Decline the lead' }).click();
	await expect(facilitator.getByRole('row', { name: /^WF-02\b/ })).toContainText('Declined');
	const declined = await openAction(facilitator, 'WF-02');
	await expect(declined).toContainText('No apprenticeship budget until 2027.');
});

test('a card promoted on the board appears in the plan for another member', async ({ browser }) => {
	const facilitator = await signUp(browser, newPerson('Ife Facilitator'));
	const workshopId = await createWorkshop(facilitator, 'Promotion workshop');
	const sam = newPerson('Sam Partner');
	const partner = await signUp(browser, sam);
	addMember(workshopId, sam.email, 'partner');
	await open(partner, `/workshops/${workshopId}/plan`);
	await expect(partner.getByText('Online', { exact: true })).toBeVisible();

	await facilitator.getByRole('button', { name: 'Add card', exact: true }).click();
	await facilitator.keyboard.type('Credit union desk at the hospital staff hub');
	await facilitator.getByRole('button', { name: 'Make it an action' }).click();
	// The card now says it is an action, with the ref the server gave.
	const link = facilitator.getByRole('link', { name: 'Action SP-01 in the plan' });
	await expect(link).toBeVisible();
	await expect(facilitator.getByRole('button', { name: 'Make it an action' })).toHaveCount(0);

	const row = partner.getByRole('row', { name: /^SP-01\b/ });
	await expect(row).toContainText('Credit union desk at the hospital staff hub');
	const editor = await openAction(partner, 'SP-01');
	await expect(editor).toContainText(
		'From the card: “Credit union desk at the hospital staff hub”'
	);

	// And the link takes the facilitator to that action, opened.
	await link.click();
	await expect(facilitator.getByRole('region', { name: 'Edit SP-01' })).toBeVisible();
});

test('a facilitator imports actions from CSV after a preview; a bad row is not imported at all', async ({
	browser
}) => {
	const { facilitator, partner } = await kestrelfordPlan(browser);
	await facilitator.getByRole('button', { name: 'Import CSV…' }).click();
	const csv = [
		'\uFEFFRef,Title,Pillar,Lead partner,Timescale,Indicator,Unit,Baseline,Target,Status',
		',"Anchor jobs fair, twice a year",Workforce,KTH,Short,Local hires,count,10,40,Not started',
		',Community shares for the old library,land,KBC,Long,Shares sold,£,0,lots,',
		',Green bonds for council housing,finance,KBC,Medium,,,,,In progress'
	].join('\r\n');
	await facilitator.getByLabel('CSV file').setInputFiles({
		name: 'plan.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(csv)
	});
	await expect(
		facilitator.getByText('2 actions are ready to import; 1 has problems and will not be imported.')
	).toBeVisible();
	await expect(
		facilitator.getByText('Row 3: The target must be a number: an amount in pounds, e.g. 20000.')
	).toBeVisible();
	await facilitator.getByRole('button', { name: 'Import 2 actions' }).click();
	await expect(
		facilitator.getByText(/Imported 2 actions; 1 with problems was left out/)
	).toBeVisible();

	await expect(partner.getByRole('row', { name: /^WF-04\b/ })).toContainText(
		'Anchor jobs fair, twice a year'
	);
	await expect(partner.getByRole('row', { name: /^FI-04\b/ })).toContainText(
		'Green bonds for council housing'
	);
	await expect(partner.getByText('Community shares for the old library')).toHaveCount(0);
	// Partners do not import.
	await expect(partner.getByRole('button', { name: 'Import CSV…' })).toHaveCount(0);
});

test('an observer reads the plan but cannot change it', async ({ browser }) => {
	const facilitator = await signUp(browser, newPerson('Ola Facilitator'));
	const workshopId = await createWorkshop(facilitator, 'Observed plan');
	await open(facilitator, `/workshops/${workshopId}/plan`);
	await facilitator.getByRole('button', { name: 'Add action', exact: true }).click();
	await facilitator.keyboard.type('Local food in school meals');
	await expect(facilitator.getByRole('row', { name: /^SP-01\b/ })).toBeVisible();

	const cllr = newPerson('Cllr Observer');
	const observer = await signUp(browser, cllr);
	addMember(workshopId, cllr.email, 'observer');
	await open(observer, `/workshops/${workshopId}/plan`);
	await expect(observer.getByText(/You are observing/)).toBeVisible();
	await expect(observer.getByRole('button', { name: 'Add action', exact: true })).toHaveCount(0);
	const editor = await openAction(observer, 'SP-01');
	await expect(editor.getByLabel('Title')).toHaveValue('Local food in school meals');
	await expect(editor.getByLabel('Title')).not.toBeEditable();
	await expect(editor.getByLabel('Status')).toBeDisabled();
});
