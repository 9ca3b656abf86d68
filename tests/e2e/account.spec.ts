import Database from 'better-sqlite3';
import type { Browser, Page } from '@playwright/test';
import { expect, test } from '../helpers/test.ts';
import { hashToken } from '../../src/lib/server/auth/session.ts';
import { e2eDatabase, newPerson, open, signUp, type Person } from '../helpers/e2e.ts';

/** Signs a person in through the form, in a browser context of its own (another device). */
async function signIn(browser: Browser, person: Person, password = person.password): Promise<Page> {
	const page = await (await browser.newContext()).newPage();
	await open(page, '/login');
	await page.getByLabel('Email').fill(person.email);
	await page.getByLabel('Password').fill(password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	return page;
}

/** The rows of the signed-in devices table (header row excluded). */
function deviceRows(page: Page) {
	return page
		.getByRole('region', { name: 'Signed-in devices' })
		.getByRole('row')
		.filter({ has: page.getByRole('rowheader') });
}

test('a person renames themselves and sees the new name in the top bar', async ({ browser }) => {
	const person = newPerson('Sam Reid');
	const page = await signUp(browser, person);
	await page.getByRole('link', { name: 'Account: Sam Reid' }).click();
	await expect(page).toHaveURL(/\/account$/);
	await page.locator('body[data-hydrated]').waitFor();

	await page.getByLabel('Name', { exact: true }).fill('   ');
	await page.getByRole('button', { name: 'Save name' }).click();
	await expect(page.getByRole('alert')).toHaveText('Enter your name (at most 120 characters).');

	await page.getByLabel('Name', { exact: true }).fill('Samira Reid');
	await page.getByRole('button', { name: 'Save name' }).click();
	await expect(page.getByRole('status')).toHaveText('Your name has been changed.');
	await expect(page.getByRole('link', { name: 'Account: Samira Reid' })).toBeVisible();
	await open(page, '/');
	await expect(page.getByRole('link', { name: 'Account: Samira Reid' })).toBeVisible();
});

test('changing the password needs the current one and signs the other devices out', async ({
	browser
}) => {
	// Four browser contexts and six argon2 hashes: slower than most tests on a busy machine.
	test.slow();
	const person = newPerson('Pat Changer');
	const page = await signUp(browser, person);
	const otherDevice = await signIn(browser, person);
	await expect(otherDevice).toHaveURL(/\/$/);
	const newPassword = 'a brand new passphrase';

	await open(page, '/account');
	await page.getByLabel('Current password').fill('not my password');
	await page.getByLabel('New password', { exact: true }).fill(newPassword);
	await page.getByLabel('Confirm new password').fill(newPassword);
	await page.getByRole('button', { name: 'Change password' }).click();
	await expect(page.getByRole('alert')).toHaveText(
		'Your current password is not right. Try typing it again.'
	);

	await page.getByLabel('Current password').fill(person.password);
	await page.getByLabel('New password', { exact: true }).fill(newPassword);
	await page.getByLabel('Confirm new password').fill(newPassword);
	await page.getByRole('button', { name: 'Change password' }).click();
	await expect(page.getByRole('status')).toHaveText(
		'Your password has been changed, and your other device has been signed out.'
	);
	// This device stays signed in; the other is sent to sign in on its next page.
	await open(page, '/account');
	await expect(page.getByRole('heading', { name: 'Your account' })).toBeVisible();
	await open(otherDevice, '/account');
	await expect(otherDevice).toHaveURL(/\/login\?redirectTo=%2Faccount$/);

	const withOldPassword = await signIn(browser, person);
	await expect(withOldPassword.getByRole('alert')).toHaveText(
		'That email and password do not match an account.'
	);
	const withNewPassword = await signIn(browser, person, newPassword);
	await expect(withNewPassword).toHaveURL(/\/$/);
	await expect(withNewPassword.getByRole('link', { name: 'Account: Pat Changer' })).toBeVisible();
});

test('too many wrong current passwords are refused with a clear sentence', async ({ browser }) => {
	const person = newPerson('Guessed Changer');
	const page = await signUp(browser, person);
	await open(page, '/account');
	// Each attempt waits for its own answer: the alert's text alone repeats between attempts.
	const attempt = async (current: string) => {
		await page.getByLabel('Current password').fill(current);
		await page.getByLabel('New password', { exact: true }).fill('a brand new passphrase');
		await page.getByLabel('Confirm new password').fill('a brand new passphrase');
		const answered = page.waitForResponse(
			(response) => response.request().method() === 'POST' && response.url().includes('/account')
		);
		await page.getByRole('button', { name: 'Change password' }).click();
		await answered;
	};
	for (let i = 0; i < 10; i++) {
		await attempt(`wrong guess ${i}`);
		await expect(page.getByRole('alert')).toHaveText(
			'Your current password is not right. Try typing it again.'
		);
		// The page empties the wrong password once it has the answer: typing the next guess before
		// that would see it wiped, and the form would not submit without it.
		await expect(page.getByLabel('Current password')).toHaveValue('');
	}
	await attempt(person.password);
	await expect(page.getByRole('alert')).toHaveText(
		/^Too many attempts to change your password\. Try again in \d+ minutes\.$/
	);
});

test('an API token is shown once, listed without its value, and can be revoked', async ({
	browser
}) => {
	const person = newPerson('Toby Scripter');
	const page = await signUp(browser, person);
	await open(page, '/account');
	await expect(page.getByText('You have no API tokens.')).toBeVisible();

	await page.getByLabel('Label').fill('Nightly plan export');
	await page.getByRole('button', { name: 'Create token' }).click();
	await expect(page.getByText('Copy it now: it will not be shown again.')).toBeVisible();
	const token = await page.getByLabel('New API token').inputValue();
	expect(token).toMatch(/^pbt_[a-z2-7]{32}$/);

	// Only the token's hash is stored.
	const sqlite = new Database(e2eDatabase(), { readonly: true });
	try {
		const stored = sqlite
			.prepare('SELECT id FROM api_tokens WHERE label = ?')
			.all('Nightly plan export') as { id: string }[];
		expect(stored.map((row) => row.id)).toContain(hashToken(token));
		expect(JSON.stringify(stored)).not.toContain(token);
	} finally {
		sqlite.close();
	}

	// Listed on the next visit, but never shown again.
	await open(page, '/account');
	const tokens = page.getByRole('region', { name: 'API tokens' });
	await expect(tokens.getByRole('rowheader', { name: 'Nightly plan export' })).toBeVisible();
	await expect(tokens.getByRole('row', { name: /Nightly plan export/ })).toContainText('Never');
	await expect(page.getByLabel('New API token')).toHaveCount(0);
	expect(await page.content()).not.toContain(token);

	await page.getByRole('button', { name: 'Revoke Nightly plan export', exact: true }).click();
	await expect(page.getByRole('status')).toHaveText(
		'The token “Nightly plan export” has been revoked.'
	);
	await expect(tokens.getByRole('rowheader', { name: 'Nightly plan export' })).toHaveCount(0);
	await expect(page.getByText('You have no API tokens.')).toBeVisible();
});

test('signing another device out sends it to sign in on its next page', async ({ browser }) => {
	const person = newPerson('Dee Vices');
	const page = await signUp(browser, person);
	const otherDevice = await signIn(browser, person);
	await expect(otherDevice).toHaveURL(/\/$/);

	await open(page, '/account');
	await expect(deviceRows(page)).toHaveCount(2);
	const thisDevice = deviceRows(page).filter({ hasText: 'This device' });
	await expect(thisDevice).toHaveCount(1);
	await expect(thisDevice.getByRole('button', { name: /^Sign out/ })).toHaveCount(0);

	await deviceRows(page)
		.filter({ hasNotText: 'This device' })
		.getByRole('button', { name: /^Sign out Chrome on / })
		.click();
	await expect(page.getByRole('status')).toHaveText('That device has been signed out.');
	await expect(deviceRows(page)).toHaveCount(1);

	await open(otherDevice, '/account');
	await expect(otherDevice).toHaveURL(/\/login\?redirectTo=%2Faccount$/);
	await open(page, '/account');
	await expect(page).toHaveURL(/\/account$/);
});

test('signing out everywhere ends every session, this one included', async ({ browser }) => {
	const person = newPerson('Eve Rywhere');
	const page = await signUp(browser, person);
	const otherDevice = await signIn(browser, person);
	await expect(otherDevice).toHaveURL(/\/$/);

	await open(page, '/account');
	await page.getByRole('button', { name: 'Sign out everywhere' }).click();
	await expect(page).toHaveURL(/\/login$/);
	await expect(page.getByRole('link', { name: /^Account:/ })).toHaveCount(0);

	await open(otherDevice, '/account');
	await expect(otherDevice).toHaveURL(/\/login\?redirectTo=%2Faccount$/);
	await open(page, '/account');
	await expect(page).toHaveURL(/\/login\?redirectTo=%2Faccount$/);
});

test('the account page asks a signed-out visitor to sign in first', async ({ page }) => {
	await open(page, '/account');
	await expect(page).toHaveURL(/\/login\?redirectTo=%2Faccount$/);
});
