import { expect, test } from '../helpers/test.ts';
import { fileURLToPath } from 'node:url';
import { addAction } from '../../src/lib/board/actions.ts';
import { runCli } from '../helpers/cli.ts';
import { connectClient } from '../helpers/clients.ts';
import { e2eDatabase, newPerson, open, signUp } from '../helpers/e2e.ts';

const FIXTURE = fileURLToPath(new URL('../../server/demo/kestrelford.json', import.meta.url));

test('the plan page lists an imported plan grouped by pillar', async ({ browser }) => {
	const person = newPerson('Nia Facilitator');
	const page = await signUp(browser, person);
	const created = runCli(
		[
			'workshop',
			'create',
			'--title',
			'Kestrelford plan',
			'--owner',
			person.email,
			'--from',
			FIXTURE
		],
		e2eDatabase()
	);
	expect(created.status, created.stderr).toBe(0);
	const workshopId = created.lastLine.trim();

	await open(page, `/workshops/${workshopId}/plan`);
	const spend = page.getByRole('region', { name: /Progressive procurement/ });
	await expect(spend.getByRole('row')).toHaveCount(4); // header + SP-01..03
	await expect(spend.getByRole('row', { name: /SP-02/ })).toContainText(
		'Split the hospital food contract'
	);
	await expect(spend.getByRole('row', { name: /SP-02/ })).toContainText('KTH');
	await expect(spend.getByRole('row', { name: /SP-02/ })).toContainText('With KBC, VC');
	await expect(spend.getByRole('row', { name: /SP-02/ })).toContainText('9% → 25%');
	await expect(spend.getByRole('row', { name: /SP-02/ })).toContainText('Amber');
	const finance = page.getByRole('region', { name: /Making financial power/ });
	await expect(finance.getByRole('row', { name: /FI-02/ })).toContainText('£0 → £20,000,000');
	await expect(page.getByRole('row', { name: /^(SP|WF|LP|OW|FI)-\d+/ })).toHaveCount(15);

	// Live: an integrator's stock y-websocket client adds an action; the open page shows it.
	const token = runCli(['token', 'create', '--email', person.email], e2eDatabase()).lastLine.trim();
	const syncUrl = new URL('/sync', page.url()).href.replace(/^http/, 'ws');
	const client = connectClient(syncUrl, workshopId, { apiToken: token });
	try {
		await client.synced;
		addAction(client.doc, {
			ref: 'OW-04',
			pillar: 'ownership',
			title: 'Worker co-op conversion fund'
		});
		const ownership = page.getByRole('region', { name: /Plural ownership/ });
		await expect(ownership.getByRole('row', { name: /OW-04/ })).toContainText(
			'Worker co-op conversion fund'
		);
	} finally {
		client.destroy();
	}
});
