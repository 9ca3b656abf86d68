import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from '../helpers/test.ts';
import { addCard, card, facilitatorAndPartner, lane } from '../helpers/board.ts';
import { createWorkshop, open } from '../helpers/e2e.ts';

/** Serious and critical accessibility problems axe finds on the page as it is. */
async function seriousViolations(page: Page) {
	const results = await new AxeBuilder({ page }).analyze();
	return results.violations
		.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
		.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(' ')}`);
}

const SPEND = 'Progressive procurement of goods and services';

/** The parking lot on the canvas. */
function parkingLot(page: Page) {
	return page
		.getByRole('application', { name: 'Board canvas' })
		.getByRole('region', { name: /^Parking lot/ });
}

/** Shows the whole board: on a screen this size the parking lot lies just right of the opening view. */
async function showWholeBoard(page: Page) {
	await page.getByRole('button', { name: 'Fit board' }).click();
}

/** The facilitator's "Parking lot" tools (a section that is not a lane of the canvas). */
function parkingTools(page: Page) {
	return page
		.locator('section:not([data-lane])')
		.filter({ has: page.getByRole('heading', { level: 2, name: 'Parking lot', exact: true }) });
}

test('a partner parks cards by key and toolbar, brings one back, and the facilitator carries the parked one into the next workshop', async ({
	browser
}) => {
	// Two axe scans take a while on a busy machine.
	test.setTimeout(90_000);
	const { facilitator, partner, workshopId } = await facilitatorAndPartner(
		browser,
		'Spring workshop'
	);
	// P parks the card that has the keyboard; everyone sees it move.
	await showWholeBoard(facilitator);
	await addCard(partner, 'Ferry timetable');
	await partner.keyboard.press('p');
	await expect(card(parkingLot(facilitator), 'Ferry timetable')).toBeVisible();
	await expect(
		partner.getByRole('status').filter({ hasText: 'moved to the parking lot' })
	).toHaveCount(1);

	// The selection toolbar parks too; the card's own button brings it back to its lane.
	// Added in a lane (the toolbar's "Add card" would add to the parking lot, where the focus is).
	await showWholeBoard(partner);
	await partner.getByRole('button', { name: `Add card to ${SPEND}` }).click();
	await partner.keyboard.type('Local bakers');
	await partner.keyboard.press('Escape');
	await expect(card(lane(partner, 'Progressive procurement'), 'Local bakers')).toBeFocused();
	await partner
		.getByRole('toolbar', { name: 'Selected cards' })
		.getByRole('button', { name: 'Park' })
		.click();
	const parked = card(parkingLot(facilitator), 'Local bakers');
	await expect(parked).toBeVisible();
	await partner.screenshot({ path: 'tests/.artifacts/parking-lot.png' });
	expect(await seriousViolations(partner)).toEqual([]);
	await card(parkingLot(partner), 'Local bakers')
		.getByRole('button', { name: `Back to ${SPEND}` })
		.click();
	await expect(card(lane(facilitator, 'Progressive procurement'), 'Local bakers')).toBeVisible();
	await expect(parked).toHaveCount(0);

	// The facilitator's next workshop of the same place brings the parked card in.
	const autumn = await facilitator.context().newPage();
	const autumnId = await createWorkshop(autumn, 'Autumn workshop');
	await expect(autumn.getByText('Online', { exact: true })).toBeVisible();
	await autumn.getByRole('button', { name: 'Facilitate' }).click();
	const section = parkingTools(autumn);
	await section.getByRole('button', { name: 'Bring in parked cards from Spring workshop' }).click();
	await expect(section.getByRole('status')).toContainText('Brought in 1 card from Spring workshop');
	await showWholeBoard(autumn);
	const carried = card(parkingLot(autumn), 'Ferry timetable');
	await expect(carried).toBeVisible();
	await expect(carried).toHaveAccessibleName(/carried in from Spring workshop/);

	// Back in the spring workshop the original is marked, for the partner too.
	await expect(card(parkingLot(partner), 'Ferry timetable')).toHaveAccessibleName(
		/carried to Autumn workshop/
	);
	await autumn.screenshot({ path: 'tests/.artifacts/parking-carried.png' });
	expect(await seriousViolations(autumn)).toEqual([]);
	expect(autumnId).not.toBe(workshopId);

	// Carried once: nothing is left to bring in.
	await open(autumn, `/workshops/${autumnId}`);
	await autumn.getByRole('button', { name: 'Facilitate' }).click();
	await expect(
		autumn.getByRole('button', { name: 'Bring in parked cards from Spring workshop' })
	).toBeDisabled();
});
