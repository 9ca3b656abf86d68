import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from '@playwright/test';
import { expect, test } from '../helpers/test.ts';
import { fileURLToPath } from 'node:url';
import { runCli } from '../helpers/cli.ts';
import { addMember, e2eDatabase, newPerson, open, signUp } from '../helpers/e2e.ts';

const FIXTURE = fileURLToPath(new URL('../../server/demo/kestrelford.json', import.meta.url));
const SPEND = 'Progressive procurement of goods and services';
const LAND = 'Socially productive use of land and property';

/** The Kestrelford board open for its facilitator and members of the council and the hospital trust. */
async function kestrelfordBoard(browser: Browser) {
	const nia = newPerson('Nia Facilitator');
	const facilitator = await signUp(browser, nia);
	const created = runCli(
		['workshop', 'create', '--title', 'Diagnosis day', '--owner', nia.email, '--from', FIXTURE],
		e2eDatabase()
	);
	expect(created.status, created.stderr).toBe(0);
	const workshopId = created.lastLine.trim();
	const carla = newPerson('Carla Council');
	const council = await signUp(browser, carla);
	addMember(workshopId, carla.email, 'partner', 'KBC');
	const priya = newPerson('Priya Hospital');
	const trust = await signUp(browser, priya);
	addMember(workshopId, priya.email, 'partner', 'KTH');
	for (const page of [facilitator, council, trust]) {
		await open(page, `/workshops/${workshopId}`);
		await expect(page.getByText('Online', { exact: true })).toBeVisible();
	}
	return { facilitator, council, trust };
}

/** Serious and critical accessibility problems axe finds on the page as it is. */
async function seriousViolations(page: Page) {
	const results = await new AxeBuilder({ page }).analyze();
	return results.violations
		.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
		.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(' ')}`);
}

/** Opens the scoring form, picks a score and a note per pillar given, saves, and closes it. */
async function scoreOwn(page: Page, organisation: string, scores: [string, number, string][]) {
	await page.getByRole('button', { name: 'Score your organisation' }).click();
	const form = page.getByRole('dialog', { name: `Score ${organisation}` });
	for (const [pillar, score, note] of scores) {
		await form
			.getByRole('radiogroup', { name: `Score for ${pillar}` })
			.getByLabel(String(score))
			.check();
		await form.getByLabel(`Evidence for ${pillar}`).fill(note);
	}
	await form.getByRole('button', { name: 'Save scores' }).click();
	await expect(form.getByRole('status')).toContainText(`Saved ${scores.length} of 5.`);
	await form.getByRole('button', { name: 'Close' }).click();
	await expect(form).toBeHidden();
}

test('two partners score themselves, each sees only its own before the reveal, and everyone sees the heat map after', async ({
	browser
}) => {
	// Two axe scans take a while on a busy machine.
	test.setTimeout(90_000);
	const { facilitator, council, trust } = await kestrelfordBoard(browser);

	await facilitator.getByRole('button', { name: 'Facilitate' }).click();
	const diagnose = facilitator.getByRole('region', { name: 'Diagnose' });
	await diagnose.getByRole('button', { name: 'Open scoring' }).click();
	await expect(diagnose.getByRole('status')).toHaveText(
		'Scoring is open: partners score their own organisation.'
	);

	await scoreOwn(council, 'Kestrelford Borough Council', [
		[SPEND, 4, 'Council spend with local firms is 31%'],
		[LAND, 2, 'Two asset transfers so far']
	]);
	await scoreOwn(trust, 'Kestrelford Teaching Hospitals NHS Trust', [
		[SPEND, 1, 'Trust supply chain mapping just begun']
	]);

	// The facilitator sees progress, never scores.
	const progress = diagnose.getByRole('listitem').filter({ hasText: 'KBC' });
	await expect(progress).toContainText('2 of 5 pillars');
	await expect(diagnose.getByRole('listitem').filter({ hasText: 'KTH' })).toContainText(
		'1 of 5 pillars'
	);
	await expect(facilitator.getByText('Council spend with local firms')).toHaveCount(0);
	await facilitator.screenshot({ path: 'tests/.artifacts/diagnose-facilitator.png' });

	// Each partner reads back its own scores, and nobody else's.
	await trust.getByRole('button', { name: 'Score your organisation' }).click();
	const trustForm = trust.getByRole('dialog', { name: /^Score Kestrelford Teaching/ });
	await expect(
		trustForm.getByRole('radiogroup', { name: `Score for ${SPEND}` }).getByLabel('1')
	).toBeChecked();
	await expect(trustForm.getByLabel(`Evidence for ${SPEND}`)).toHaveValue(
		'Trust supply chain mapping just begun'
	);
	await expect(trustForm.getByLabel(`Evidence for ${LAND}`)).toHaveValue('');
	expect(await seriousViolations(trust)).toEqual([]);
	await trust.screenshot({ path: 'tests/.artifacts/diagnose-score-form.png' });
	await trustForm.getByRole('button', { name: 'Close' }).click();
	for (const page of [facilitator, trust]) {
		expect(await page.content()).not.toContain('Council spend with local firms');
		await expect(page.getByRole('button', { name: 'Heat map', exact: true })).toHaveCount(0);
	}
	expect(await council.content()).not.toContain('Trust supply chain mapping');

	// The reveal shows the heat map to everyone at once.
	await diagnose.getByRole('button', { name: 'Reveal heat map' }).click();
	for (const page of [facilitator, council, trust]) {
		const heatMap = page.getByRole('dialog', { name: 'Diagnosis heat map' });
		await expect(heatMap).toBeVisible();
		const councilRow = heatMap.getByRole('row', { name: /^KBC Kestrelford Borough Council/ });
		// Each cell: its number, then the note that shows on hover or focus.
		await expect(councilRow.getByRole('cell')).toHaveText([
			'4 Council spend with local firms is 31%',
			'–not scored',
			'2 Two asset transfers so far',
			'–not scored',
			'–not scored'
		]);
		const trustRow = heatMap.getByRole('row', { name: /^KTH/ });
		await expect(trustRow.getByRole('cell').first()).toHaveText(/^1 /);
		await expect(heatMap.getByRole('listitem').filter({ hasText: 'KBC' }).first()).toContainText(
			'Council spend with local firms is 31%'
		);
	}
	// The note behind a score shows on keyboard focus too.
	const trustMap = trust.getByRole('dialog', { name: 'Diagnosis heat map' });
	await trustMap.getByRole('button', { name: '4' }).focus();
	await expect(
		trustMap.getByRole('tooltip').filter({ hasText: 'Council spend with local firms is 31%' })
	).toBeVisible();
	await trust.screenshot({ path: 'tests/.artifacts/diagnose-heat-map.png' });
	expect(await seriousViolations(trust)).toEqual([]);
	await trustMap.getByRole('button', { name: 'Close' }).click();
	await expect(trust.getByRole('button', { name: 'Heat map', exact: true })).toBeVisible();
});
