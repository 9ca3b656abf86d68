import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '../helpers/test.ts';
import { addAction } from '../../src/lib/board/actions.ts';
import { runCli } from '../helpers/cli.ts';
import { connectClient } from '../helpers/clients.ts';
import { e2eDatabase, newPerson, open, signUp, type Person } from '../helpers/e2e.ts';
import { readPdfText } from '../helpers/read-exports.ts';

/** A small plan with two partners, in Welsh and Gaelic places. */
const PLAN = {
	place: 'Ynys Môn & Steòrnabhagh',
	pillarPreset: 'cles',
	partners: [
		{ code: 'IOACC', name: 'Cyngor Sir Ynys Môn', type: 'council' },
		{ code: 'CnES', name: 'Comhairle nan Eilean Siar', type: 'council' }
	],
	actions: [
		{
			ref: 'SP-01',
			pillar: 'spend',
			title: 'Buy food for Ysgol Gŵyr locally – £1.2m',
			lead: 'IOACC'
		},
		{ ref: 'OW-01', pillar: 'ownership', title: 'Worker co-ops in Steòrnabhagh', lead: 'CnES' }
	]
};

// Each flow signs several people up and runs the CLI a few times: more than the default 30 s
// on a busy two-core machine.
test.describe.configure({ timeout: 120_000 });

function cli(args: string[]): string {
	const result = runCli(args, e2eDatabase());
	if (result.status !== 0) throw new Error(`${args.join(' ')} failed: ${result.stderr}`);
	return result.lastLine.trim();
}

/** A workshop made from PLAN with `facilitator` as its facilitator; returns its id. */
function createPlanWorkshop(facilitator: Person): string {
	const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pb-e2e-')), 'plan.json');
	fs.writeFileSync(file, JSON.stringify(PLAN));
	return cli([
		'workshop',
		'create',
		'--title',
		'Cynllun CWB',
		'--owner',
		facilitator.email,
		'--from',
		file
	]);
}

test('a facilitator saves a version, compares it with the board and restores it live for everyone', async ({
	browser
}) => {
	const nia = newPerson('Nia Facilitator');
	const sam = newPerson('Sam Partner');
	const page = await signUp(browser, nia);
	const samPage = await signUp(browser, sam);
	const workshopId = createPlanWorkshop(nia);
	cli([
		'member',
		'add',
		'--workshop',
		workshopId,
		'--email',
		sam.email,
		'--role',
		'partner',
		'--partner',
		'IOACC'
	]);

	await open(page, `/workshops/${workshopId}/versions`);
	await page.getByRole('link', { name: 'Versions' }).waitFor();
	await page.getByLabel('Name').fill('Before the afternoon');
	await page.getByRole('button', { name: 'Save version' }).click();
	await expect(page.getByRole('status')).toContainText('Saved version 1, “Before the afternoon”.');
	const history = page.getByRole('region', { name: 'History' });
	await expect(history.getByRole('row', { name: /Before the afternoon/ })).toContainText(
		'Nia Facilitator'
	);
	await expect(history.getByRole('row', { name: /Before the afternoon/ })).toContainText(
		'First version: 2 actions'
	);

	// Sam watches the plan live while an action is added.
	await open(samPage, `/workshops/${workshopId}/plan`);
	const title = 'Community energy co-op for Llŷn';
	const token = cli(['token', 'create', '--email', nia.email]);
	const client = connectClient(
		new URL('/sync', page.url()).href.replace(/^http/, 'ws'),
		workshopId,
		{
			apiToken: token
		}
	);
	await client.synced;
	addAction(client.doc, { ref: 'LA-01', pillar: 'land', title });
	await expect(samPage.getByRole('row', { name: /LA-01/ })).toContainText(title);
	client.destroy();

	// Compare version 1 with the board now.
	await open(page, `/workshops/${workshopId}/versions`);
	await page
		.getByLabel('From', { exact: true })
		.selectOption({ label: 'Version 1: Before the afternoon' });
	await page.getByLabel('To', { exact: true }).selectOption({ label: 'The board as it is now' });
	await page.getByRole('button', { name: 'Compare' }).click();
	await expect(page.getByTestId('comparison-summary')).toHaveText('1 action added (LA-01).');
	await expect(page.getByRole('region', { name: 'Added (1)' })).toContainText(title);
	await page.screenshot({ path: 'tests/.artifacts/versions-compare.png' });

	// Restore version 1: Sam's open plan loses the action without reloading.
	await open(page, `/workshops/${workshopId}/versions`);
	await page.getByRole('button', { name: 'Restore version 1' }).click();
	await page.getByRole('button', { name: 'Restore', exact: true }).click();
	await expect(page.getByRole('status')).toContainText(
		'Restored version 1. The board as it was is kept as version 2.'
	);
	await expect(samPage.getByRole('row', { name: /LA-01/ })).toHaveCount(0);
	await expect(samPage.getByRole('row', { name: /SP-01/ })).toContainText('Ysgol Gŵyr');
	await expect(history.getByRole('row', { name: /Before restoring version 1/ })).toContainText(
		'1 action added (LA-01)'
	);

	await page.screenshot({ path: 'tests/.artifacts/versions-history.png' });

	// The kept version can be previewed read-only, with the action that was taken away.
	await history.getByRole('link', { name: 'Preview version 2' }).click();
	await expect(page.getByRole('note')).toContainText('A read-only preview.');
	await expect(page.getByRole('region', { name: /Socially productive use/ })).toContainText(title);
	await page.screenshot({ path: 'tests/.artifacts/versions-preview.png' });
});

test('partners sign off a proposed plan, the facilitator marks it agreed, and later edits show as changes since it', async ({
	browser
}) => {
	const nia = newPerson('Nia Facilitator');
	const sam = newPerson('Siôn Ynys');
	const eilidh = newPerson('Eilidh MacLeòid');
	const page = await signUp(browser, nia);
	const samPage = await signUp(browser, sam);
	const eilidhPage = await signUp(browser, eilidh);
	const workshopId = createPlanWorkshop(nia);
	cli([
		'member',
		'add',
		'--workshop',
		workshopId,
		'--email',
		sam.email,
		'--role',
		'partner',
		'--partner',
		'IOACC'
	]);
	cli([
		'member',
		'add',
		'--workshop',
		workshopId,
		'--email',
		eilidh.email,
		'--role',
		'partner',
		'--partner',
		'CnES'
	]);
	const url = `/workshops/${workshopId}/versions`;

	await open(page, url);
	await page.getByRole('button', { name: 'Propose the plan for agreement' }).click();
	await expect(page.getByTestId('outstanding')).toHaveText(
		'Still outstanding: Comhairle nan Eilean Siar, Cyngor Sir Ynys Môn.'
	);
	await expect(page.getByRole('button', { name: 'Mark the plan agreed' })).toBeDisabled();

	await open(samPage, url);
	await samPage.getByRole('button', { name: 'Sign off for IOACC' }).click();
	await expect(samPage.getByRole('status')).toHaveText('You signed off the plan.');

	await open(eilidhPage, url);
	await eilidhPage.getByRole('button', { name: 'Ask for changes' }).click();
	await expect(eilidhPage.getByRole('alert')).toHaveText(
		'Say which changes your organisation asks for.'
	);
	await eilidhPage
		.getByLabel('Comment for Comhairle nan Eilean Siar')
		.fill('Add a Gàidhlig version – please.');
	await eilidhPage.getByRole('button', { name: 'Ask for changes' }).click();
	await expect(eilidhPage.getByRole('status')).toHaveText('Your request for changes was sent.');

	await open(page, url);
	await expect(page.getByTestId('outstanding')).toHaveText(
		'Still outstanding: Comhairle nan Eilean Siar.'
	);
	await expect(page.getByText('Add a Gàidhlig version – please.')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Mark the plan agreed' })).toBeDisabled();

	await open(eilidhPage, url);
	await eilidhPage.getByRole('button', { name: 'Sign off for CnES' }).click();
	await expect(eilidhPage.getByRole('status')).toHaveText('You signed off the plan.');

	await open(page, url);
	await page.screenshot({ path: 'tests/.artifacts/versions-proposed.png' });
	await page.getByRole('button', { name: 'Mark the plan agreed' }).click();
	await expect(page.getByRole('status')).toHaveText(
		'The plan is agreed. This version is now frozen.'
	);
	const hash = await page.getByTestId('agreed-hash').getAttribute('title');
	expect(hash).toMatch(/^[0-9a-f]{64}$/);
	await expect(page.getByTestId('changes-since-agreed')).toContainText('none.');

	// A later edit shows as a change since the agreed version; the agreed hash stays.
	const token = cli(['token', 'create', '--email', nia.email]);
	const client = connectClient(
		new URL('/sync', page.url()).href.replace(/^http/, 'ws'),
		workshopId,
		{
			apiToken: token
		}
	);
	await client.synced;
	addAction(client.doc, { ref: 'FI-01', pillar: 'finance', title: 'Credit union in Tobar Mhoire' });
	await expect
		.poll(async () => {
			await open(page, url);
			return page.getByTestId('changes-since-agreed').textContent();
		})
		.toContain('1 action added (FI-01)');
	client.destroy();
	await expect(page.getByTestId('agreed-hash')).toHaveAttribute('title', hash!);
	await page.screenshot({ path: 'tests/.artifacts/versions-agreed.png' });
});

test('a member downloads the agreed plan as a PDF from the page, with progress, and it reads back', async ({
	browser
}) => {
	const nia = newPerson('Nia Facilitator');
	const page = await signUp(browser, nia);
	const workshopId = createPlanWorkshop(nia);
	await open(page, `/workshops/${workshopId}/versions`);
	await expect(page.getByLabel('Which plan')).toHaveValue('current');

	const downloading = page.waitForEvent('download');
	await page.getByRole('button', { name: 'PDF' }).click();
	const download = await downloading;
	expect(download.suggestedFilename()).toMatch(/^cynllun-cwb-plan-current-\d{4}-\d{2}-\d{2}\.pdf$/);
	const text = (await readPdfText(fs.readFileSync(await download.path())))
		.join('')
		.replace(/\s+/g, '');
	for (const expected of [PLAN.place, ...PLAN.actions.map((a) => a.title), 'Cyngor Sir Ynys Môn']) {
		expect(text).toContain(expected.replace(/\s+/g, ''));
	}

	const excel = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Excel' }).click();
	expect((await excel).suggestedFilename()).toMatch(/\.xlsx$/);
	await open(page, `/workshops/${workshopId}/audit`);
	await expect(page.getByText(/Exported the current plan as PDF/)).toBeVisible();
});
