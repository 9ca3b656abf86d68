/** Steps shared by end-to-end tests: people signing up, workshops, members added by the CLI. */
import { expect, type Browser, type Page } from '@playwright/test';
import { runCli } from './cli.ts';

let counter = 0;

export interface Person {
	name: string;
	email: string;
	password: string;
}

/** A new person with an email unique to this test run. */
export function newPerson(name: string): Person {
	counter++;
	const slug = name.toLowerCase().replace(/\W+/g, '.');
	return {
		name,
		email: `${slug}.${process.pid}.${Date.now()}.${counter}@example.test`,
		password: 'correct horse battery staple'
	};
}

/** The database the end-to-end server uses (set by playwright.config.ts). */
export function e2eDatabase(): string {
	const file = process.env.E2E_DATABASE_PATH;
	if (!file) throw new Error('E2E_DATABASE_PATH is not set: run through playwright.config.ts.');
	return file;
}

/** Opens a page and waits until Svelte has made it interactive (set by the root layout). */
export async function open(page: Page, path: string): Promise<void> {
	await page.goto(path);
	await page.locator('body[data-hydrated]').waitFor();
}

/** Signs a person up through the form, in a fresh page of its own browser context. */
export async function signUp(browser: Browser, person: Person): Promise<Page> {
	const context = await browser.newContext();
	const page = await context.newPage();
	await open(page, '/signup');
	await page.getByLabel('Name').fill(person.name);
	await page.getByLabel('Email').fill(person.email);
	await page.getByLabel('Password').fill(person.password);
	await page.getByRole('button', { name: 'Create account' }).click();
	await expect(page).toHaveURL(/\/$/);
	return page;
}

/** Creates a workshop through the home page form and returns its id (the board is open). */
export async function createWorkshop(
	page: Page,
	title: string,
	place = 'Kestrelford & Vale',
	pillarSet = 'CLES'
): Promise<string> {
	await open(page, '/');
	await page.getByLabel('Title').fill(title);
	await page.getByLabel('Place').fill(place);
	await page.getByLabel('Pillar set').selectOption({ label: pillarSet });
	await page.getByRole('button', { name: 'Create workshop' }).click();
	await expect(page).toHaveURL(/\/workshops\/[0-9a-f]+$/);
	return new URL(page.url()).pathname.split('/').pop()!;
}

/**
 * Adds a member (by email) to a workshop with the real CLI, as an administrator would; with a
 * partner code, the member speaks for that partner organisation on the board.
 */
export function addMember(
	workshopId: string,
	email: string,
	role: string,
	partnerCode?: string
): void {
	const partner = partnerCode ? ['--partner', partnerCode] : [];
	const result = runCli(
		['member', 'add', '--workshop', workshopId, '--email', email, '--role', role, ...partner],
		e2eDatabase()
	);
	if (result.status !== 0) throw new Error(`member add failed: ${result.stderr}`);
}
