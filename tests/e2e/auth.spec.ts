import { expect, test } from '../helpers/test.ts';
import { createWorkshop, newPerson, open, signUp } from '../helpers/e2e.ts';

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

test('signing in from a board link returns the person to that board', async ({ browser, page }) => {
	const person = newPerson('Mo Facilitator');
	const first = await signUp(browser, person);
	const workshopId = await createWorkshop(first, 'Returning workshop');

	await open(page, `/workshops/${workshopId}`);
	await expect(page).toHaveURL(/\/login\?redirectTo=/);
	await page.getByLabel('Email').fill(person.email);
	await page.getByLabel('Password').fill(person.password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(new RegExp(`/workshops/${workshopId}$`));
	await expect(page.getByRole('button', { name: 'Add card', exact: true })).toBeVisible();
});

test('too many wrong passwords for one account are refused with a clear sentence', async ({
	browser,
	page
}) => {
	const person = newPerson('Guessed Partner');
	await signUp(browser, person);
	await open(page, '/login');
	// Each attempt waits for its own answer: the alert's text alone repeats between attempts.
	const attempt = async (password: string) => {
		await page.getByLabel('Email').fill(person.email);
		await page.getByLabel('Password').fill(password);
		const answered = page.waitForResponse(
			(response) => response.request().method() === 'POST' && response.url().includes('/login')
		);
		await page.getByRole('button', { name: 'Sign in' }).click();
		await answered;
	};
	for (let i = 0; i < 10; i++) {
		await attempt(`wrong guess ${i}`);
		await expect(page.getByRole('alert')).toHaveText(
			'That email and password do not match an account.'
		);
	}
	// Even the right password waits now: the account is protected, not the guesser served.
	await attempt(person.password);
	await expect(page.getByRole('alert')).toHaveText(
		/^Too many sign-in attempts for this account\. Try again in \d+ minutes\.$/
	);
	await expect(page).toHaveURL(/\/login/);
});

test('a form posted from another site is refused', async ({ request }) => {
	const response = await request.post('/login', {
		headers: { origin: 'https://evil.example' },
		form: { email: 'someone@example.test', password: 'whatever it is' }
	});
	expect(response.status()).toBe(403);
	expect(await response.text()).toContain('Cross-site');
});
