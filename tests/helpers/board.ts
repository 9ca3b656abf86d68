/** Steps on the board canvas shared by end-to-end tests, through what a person sees. */
import { expect, type Browser, type Locator, type Page } from '@playwright/test';
import { addMember, createWorkshop, newPerson, open, signUp } from './e2e.ts';

/** A facilitator's new CLES workshop, with a partner who has the board open too. */
export async function facilitatorAndPartner(
	browser: Browser,
	title: string
): Promise<{ facilitator: Page; partner: Page; workshopId: string }> {
	const facilitator = await signUp(browser, newPerson('Nia Facilitator'));
	const workshopId = await createWorkshop(facilitator, title);
	const partnerPerson = newPerson('Sam Partner');
	const partner = await signUp(browser, partnerPerson);
	addMember(workshopId, partnerPerson.email, 'partner');
	await open(partner, `/workshops/${workshopId}`);
	await expect(partner.getByText('Online', { exact: true })).toBeVisible();
	await expect(facilitator.getByText('Online', { exact: true })).toBeVisible();
	return { facilitator, partner, workshopId };
}

/** A pillar's lane on the canvas (or in the outline), by the start of its name. */
export function lane(page: Page, name: string): Locator {
	return page.getByRole('region', { name: new RegExp(`^${name}`) });
}

/** A card on the canvas (of the page, or of one lane), by the start of its text. */
export function card(scope: Page | Locator, text: string): Locator {
	return scope.getByRole('article', { name: new RegExp(`^${escape(text)}`) });
}

/** A card whose text is exactly `text` (its name is the text, then "; by" its author). */
export function cardReading(scope: Page | Locator, text: string): Locator {
	return scope.getByRole('article', { name: new RegExp(`^${escape(text)}; by `) });
}

function escape(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Adds a card with the toolbar button, types its text and finishes editing with Escape. */
export async function addCard(page: Page, text: string): Promise<Locator> {
	await page.getByRole('button', { name: 'Add card', exact: true }).click();
	await page.keyboard.type(text);
	await page.keyboard.press('Escape');
	const added = card(page, text);
	await expect(added).toBeFocused();
	return added;
}

/** Starts editing a card's text with a double-click, as a person would. */
export async function editCard(page: Page, text: string): Promise<Locator> {
	await card(page, text).dblclick();
	const found = card(page, text).getByRole('textbox', { name: 'Card text' });
	await expect(found).toBeFocused();
	// Held by id from here on: the card's name changes as its text does.
	const id = await found.getAttribute('id');
	return page.locator(`[id="${id}"]`);
}

/** Drags a card with the mouse so that its centre lands on `to` (page coordinates). */
export async function dragCard(page: Page, from: Locator, to: { x: number; y: number }) {
	const box = (await from.boundingBox())!;
	await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
	await page.mouse.down();
	await page.mouse.move(to.x, to.y, { steps: 12 });
	await page.mouse.up();
}
