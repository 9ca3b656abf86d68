import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from '../helpers/test.ts';
import { addCard, card, facilitatorAndPartner, lane } from '../helpers/board.ts';

const SPEND = 'Progressive procurement of goods and services';
const WORKFORCE = 'Fair employment and just labour markets';

/** Serious and critical accessibility problems axe finds on the page as it is. */
async function seriousViolations(page: Page) {
	const results = await new AxeBuilder({ page }).analyze();
	return results.violations
		.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
		.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(' ')}`);
}

/** Where something is drawn within the board canvas of its page (CSS pixels), rounded. */
async function placeOnCanvas(page: Page, thing: Locator) {
	const canvas = (await page.getByRole('application', { name: 'Board canvas' }).boundingBox())!;
	const box = await thing.boundingBox();
	if (!box) return null;
	return {
		x: Math.round(box.x - canvas.x),
		y: Math.round(box.y - canvas.y),
		width: Math.round(box.width),
		height: Math.round(box.height),
		canvasWidth: Math.round(canvas.width),
		canvasHeight: Math.round(canvas.height)
	};
}

/** Waits until a lane is drawn at the same place on the partner's canvas as on the facilitator's. */
async function expectSameView(facilitator: Page, partner: Page, name: string) {
	await expect
		.poll(
			async () => {
				const theirs = await placeOnCanvas(facilitator, lane(facilitator, name));
				const mine = await placeOnCanvas(partner, lane(partner, name));
				if (!theirs || !mine) return Infinity;
				return Math.max(
					Math.abs(theirs.x - mine.x),
					Math.abs(theirs.y - mine.y),
					Math.abs(theirs.width - mine.width)
				);
			},
			{ message: `${name} is drawn where the facilitator sees it` }
		)
		.toBeLessThanOrEqual(3);
}

test('while the facilitator has everyone follow them, a partner sees their view move, steps out and back, and is released', async ({
	browser
}, testInfo) => {
	test.slow(); // two people, and many live steps between them
	const { facilitator, partner } = await facilitatorAndPartner(browser, 'Follow me workshop');

	await facilitator.getByRole('button', { name: 'Facilitate' }).click();
	const section = facilitator.getByRole('region', { name: 'Follow' });
	await section.getByRole('button', { name: 'Everyone follows me' }).click();
	await expect(section.getByRole('button', { name: 'Stop everyone following' })).toBeVisible();
	await section.screenshot({ path: testInfo.outputPath('follow-section.png') });
	expect(await seriousViolations(facilitator)).toEqual([]);
	// Closed, the panel leaves the facilitator's canvas as large as the partner's: the same view.
	await facilitator.getByRole('button', { name: 'Close the facilitation panel' }).click();
	await expect(facilitator.getByText('Everyone is following you', { exact: true })).toBeVisible();

	const strip = partner.getByRole('region', { name: 'Workshop run' });
	await expect(strip.getByText('Following Nia Facilitator', { exact: true })).toBeVisible();
	await strip.screenshot({ path: testInfo.outputPath('follow-chip.png') });
	expect(await seriousViolations(partner)).toEqual([]);

	// The facilitator zooms to a lane, zooms in and pans sideways: the partner's view goes along.
	await facilitator.getByRole('combobox', { name: 'Zoom to lane' }).selectOption({ label: SPEND });
	await expectSameView(facilitator, partner, 'Progressive procurement');
	await facilitator.getByRole('button', { name: 'Zoom in' }).click();
	await facilitator.getByRole('button', { name: 'Zoom in' }).click();
	const canvas = facilitator.getByRole('application', { name: 'Board canvas' });
	await canvas.hover();
	await facilitator.mouse.wheel(-180, 60);
	await expectSameView(facilitator, partner, 'Progressive procurement');

	// Panning on their own steps the partner out; "Follow again" brings them back.
	await partner.getByRole('application', { name: 'Board canvas' }).hover();
	await partner.mouse.wheel(400, 0);
	await expect(strip.getByText('Not following Nia Facilitator', { exact: true })).toBeVisible();
	await expect(partner.getByRole('status').filter({ hasText: 'You stepped out' })).toBeAttached();
	await strip.getByRole('button', { name: 'Follow again' }).click();
	await expectSameView(facilitator, partner, 'Progressive procurement');
	await facilitator.getByRole('button', { name: 'Zoom out' }).click();
	await expectSameView(facilitator, partner, 'Progressive procurement');

	// "Stop following" steps out too; the facilitator stopping follow-me releases everyone.
	await strip.getByRole('button', { name: 'Stop following' }).click();
	await expect(strip.getByRole('button', { name: 'Follow again' })).toBeVisible();
	await strip.screenshot({ path: testInfo.outputPath('follow-chip-stepped-out.png') });
	await facilitator
		.getByRole('region', { name: 'Workshop run' })
		.getByRole('button', { name: 'Stop everyone following' })
		.click();
	await expect(strip.getByText(/following Nia Facilitator/i)).toHaveCount(0);
	await expect(facilitator.getByText('Everyone is following you', { exact: true })).toHaveCount(0);
});

test('a summon brings a partner to a lane and to a card once each, and says who brought them', async ({
	browser
}, testInfo) => {
	test.slow(); // two people, and many live steps between them
	const { facilitator, partner } = await facilitatorAndPartner(browser, 'Summon workshop');
	const strip = partner.getByRole('region', { name: 'Workshop run' });

	// A summon to a lane: the partner is brought to its top, as wide as it fits, and told who did.
	await facilitator.getByRole('button', { name: 'Facilitate' }).click();
	const section = facilitator.getByRole('region', { name: 'Follow' });
	await section.getByRole('combobox', { name: 'Bring everyone to' }).selectOption({
		label: WORKFORCE
	});
	await section.getByRole('button', { name: `Bring everyone to ${WORKFORCE}` }).click();
	await expect(strip.getByText(`Nia Facilitator brought everyone to ${WORKFORCE}.`)).toBeVisible();
	await strip.screenshot({ path: testInfo.outputPath('summon-notice.png') });
	const workforce = lane(partner, 'Fair employment');
	await expect
		.poll(async () => {
			const place = (await placeOnCanvas(partner, workforce))!;
			return Math.abs(place.x + place.width / 2 - place.canvasWidth / 2) + Math.abs(place.y - 32);
		})
		.toBeLessThanOrEqual(3);

	// Once: after the partner moves away, later changes of the board do not bring them back.
	await partner.getByRole('application', { name: 'Board canvas' }).hover();
	const brought = (await placeOnCanvas(partner, workforce))!;
	await partner.mouse.wheel(300, 0);
	await expect.poll(async () => (await placeOnCanvas(partner, workforce))!.x).toBe(brought.x - 300);
	const movedAway = (await placeOnCanvas(partner, workforce))!;
	await facilitator
		.getByRole('region', { name: 'Private brainstorming' })
		.getByRole('checkbox', { name: 'Private mode' })
		.check();
	await expect(strip.getByText('Private brainstorming on')).toBeVisible();
	expect(await placeOnCanvas(partner, workforce)).toEqual(movedAway);
	await facilitator
		.getByRole('region', { name: 'Private brainstorming' })
		.getByRole('checkbox', { name: 'Private mode' })
		.uncheck();
	await expect(strip.getByText('Private brainstorming on')).toHaveCount(0);

	// A summon to a card, from the selection bar: the partner sees it in the middle of the screen.
	await addCard(facilitator, 'Look at this one');
	await facilitator.getByRole('button', { name: 'Bring everyone here' }).click();
	const summoned = card(partner, 'Look at this one');
	await expect
		.poll(async () => {
			const place = await placeOnCanvas(partner, summoned);
			if (!place) return Infinity;
			return Math.max(
				Math.abs(place.x + place.width / 2 - place.canvasWidth / 2),
				Math.abs(place.y + place.height / 2 - place.canvasHeight / 2)
			);
		})
		// A card is drawn inside its lane's 8 px top border, a little below where the layout has it.
		.toBeLessThanOrEqual(12);
	await expect(strip.getByText(/brought everyone to the card “Look at this one”/)).toBeVisible();
});
