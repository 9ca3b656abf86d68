import { expect, test } from '@playwright/test';
import { newPerson, open, signUp } from '../helpers/e2e.ts';

test('a wrong password shows one clear sentence, not an error page', async ({ browser, page }) => {
	const person = newPerson('Rae Partner');
	await signUp(browser, person);
	await open(page, '/login');
	await page.getByLabel('Email').fill(person.email);
	await page.getByLabel('Password').fill('not my password');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('alert')).toHaveText(
		'That email and password do not match an account.'
	);
	await expect(page).toHaveURL(/\/login/);
});

test('a person signs in, sees their workshops, and signs out', async ({ browser, page }) => {
	const person = newPerson('Lee Facilitator');
	const first = await signUp(browser, person);
	await first.getByLabel('Title').fill('Spend workshop');
	await first.getByLabel('Place').fill('Kestrelford & Vale');
	await first.getByRole('button', { name: 'Create workshop' }).click();
	await expect(first).toHaveURL(/\/workshops\//);

	await open(page, '/login');
	await page.getByLabel('Email').fill(person.email);
	await page.getByLabel('Password').fill(person.password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('link', { name: 'Spend workshop', exact: true })).toBeVisible();
	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(page).toHaveURL(/\/login/);
	await open(page, '/');
	await expect(page.getByRole('link', { name: 'Spend workshop', exact: true })).toHaveCount(0);
});

test('signing in to a board link returns the person to that board', async ({ page }) => {
	await open(page, '/workshops/0123456789abcdef0123456789abcdef');
	await expect(page).toHaveURL(/\/login\?redirectTo=/);
});
