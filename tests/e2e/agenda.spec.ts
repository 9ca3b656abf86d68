import type { Locator, Page } from '@playwright/test';
import { expect, test } from '../helpers/test.ts';
import { addCard, card, facilitatorAndPartner } from '../helpers/board.ts';
import { open } from '../helpers/e2e.ts';

/** The strip under the toolbar that everyone sees while the workshop runs. */
function runStrip(page: Page): Locator {
	return page.getByRole('region', { name: 'Workshop run' });
}

/** Seconds left on the shared timer, as a page shows it ("19:58" → 1198). */
async function secondsLeft(page: Page): Promise<number> {
	const text = await runStrip(page).locator('time').innerText();
	const [minutes, seconds] = text.split(':').map(Number);
	return minutes * 60 + seconds;
}

/** Makes a browser's clock run `offsetMs` away from the real time, from its next page on. */
async function skewClock(page: Page, offsetMs: number): Promise<void> {
	await page.context().addInitScript((offset) => {
		const realNow = Date.now.bind(Date);
		Date.now = () => realNow() + offset;
	}, offsetMs);
}

test('going to the next stage sets the same timer on every screen, whatever their clocks say, and switches private brainstorming on and off', async ({
	browser
}) => {
	const { facilitator, partner, workshopId } = await facilitatorAndPartner(
		browser,
		'Stages workshop'
	);
	// The partner's laptop is seven minutes slow: the timer must not care.
	await skewClock(partner, -7 * 60_000);
	await open(partner, `/workshops/${workshopId}`);
	await expect(partner.getByText('Online', { exact: true })).toBeVisible();

	// A new workshop has the usual run-sheet; the strip offers its first stage.
	await facilitator.getByRole('button', { name: 'Facilitate' }).click();
	const agenda = facilitator.getByRole('region', { name: 'Agenda' });
	await expect(agenda.getByRole('listitem')).toHaveText([
		/Set up/,
		/Frame/,
		/Diagnose/,
		/Ideate/,
		/Prioritise/,
		/Commit/,
		/Agree/
	]);
	await expect(runStrip(facilitator).getByRole('button', { name: 'Start: Set up' })).toBeVisible();

	// Ideate: 20 minutes on the clock and private brainstorming, in one click.
	await agenda.getByRole('button', { name: 'Go to Ideate' }).click();
	for (const page of [facilitator, partner]) {
		await expect(runStrip(page)).toContainText('Stage 4 of 7');
		await expect(runStrip(page)).toContainText('Ideate');
		await expect(runStrip(page)).toContainText('Private brainstorming on');
		await expect(runStrip(page).locator('time')).toHaveText(/^(20:00|19:5\d)$/);
	}
	const [mine, theirs] = await Promise.all([secondsLeft(facilitator), secondsLeft(partner)]);
	expect(Math.abs(mine - theirs)).toBeLessThanOrEqual(1);

	// Private mode is on for the partner's new card: only they see it.
	await addCard(partner, 'Community land trust');
	await expect(card(partner, 'Community land trust')).toContainText('Only you can see this');
	await facilitator.screenshot({ path: 'tests/.artifacts/agenda-stage.png' });

	// The facilitator pauses and adds a minute; everyone sees the same.
	await runStrip(facilitator).getByRole('button', { name: 'Pause' }).click();
	await expect(runStrip(partner)).toContainText('Paused');
	const paused = await secondsLeft(facilitator);
	await runStrip(facilitator).getByRole('button', { name: '+1 min' }).click();
	await expect.poll(() => secondsLeft(partner)).toBe(paused + 60);
	await runStrip(facilitator).getByRole('button', { name: 'Resume' }).click();
	await expect(runStrip(partner)).not.toContainText('Paused');

	// Next: Prioritise reveals the private cards, turns private mode off, and starts its 15
	// minutes and a vote on the cards, the revealed one included.
	await expect(card(facilitator, 'Community land trust')).toHaveCount(0);
	await runStrip(facilitator).getByRole('button', { name: 'Next: Prioritise' }).click();
	for (const page of [facilitator, partner]) {
		await expect(runStrip(page)).toContainText('Prioritise');
		await expect(runStrip(page)).not.toContainText('Private brainstorming on');
		await expect(runStrip(page).locator('time')).toHaveText(/^(15:00|14:5\d)$/);
	}
	await expect(card(facilitator, 'Community land trust')).toBeVisible();
	await expect(card(partner, 'Community land trust')).not.toContainText('Only you can see this');
	await expect(runStrip(partner).getByRole('group', { name: 'Vote' })).toBeVisible();
	await expect(
		card(partner, 'Community land trust').getByRole('button', { name: /vote/i }).first()
	).toBeVisible();
	await expect(agenda.getByRole('listitem').filter({ hasText: 'Prioritise' })).toContainText('Now');

	// Partners see the stage and the timer but have no say over them.
	await expect(runStrip(partner).getByRole('button', { name: /^Next:/ })).toHaveCount(0);
	await expect(runStrip(partner).getByRole('button', { name: 'Pause' })).toHaveCount(0);
	await expect(partner.getByRole('button', { name: 'Facilitate' })).toHaveCount(0);
});

test('a stage edited in the agenda keeps its new name, length and switches, and the timer ends calmly at zero', async ({
	browser
}) => {
	const { facilitator, partner, workshopId } = await facilitatorAndPartner(
		browser,
		'Agenda edits workshop'
	);
	// The partner's clock is Playwright's, so the test can jump to the timer's end.
	await partner.clock.install();
	await open(partner, `/workshops/${workshopId}`);
	await facilitator.getByRole('button', { name: 'Facilitate' }).click();
	const agenda = facilitator.getByRole('region', { name: 'Agenda' });

	await agenda.getByRole('button', { name: 'Edit Frame' }).click();
	const editor = agenda.getByRole('form', { name: 'Edit stage Frame' });
	await editor.getByLabel('Stage').fill('Frame the place');
	await editor.getByLabel('Stage').press('Tab');
	await editor.getByLabel('Minutes').fill('25');
	await editor.getByLabel('Minutes').press('Tab');
	await editor.getByRole('checkbox', { name: 'Lock the board' }).uncheck();
	await editor.getByRole('button', { name: 'Move down' }).click();
	await facilitator.screenshot({ path: 'tests/.artifacts/agenda-editor.png' });
	await agenda.getByRole('button', { name: 'Done' }).click();
	await expect(agenda.getByRole('listitem').nth(2)).toContainText('Frame the place');
	await expect(agenda.getByRole('listitem').nth(2)).toContainText('25 min · timer');

	// A timer of its own, run to the end (on the partner's clock): a soft "Time's up".
	const timer = facilitator.getByRole('region', { name: 'Timer' });
	await timer.getByLabel('Minutes').fill('2');
	await timer.getByRole('button', { name: 'Start timer' }).click();
	await expect(runStrip(partner).locator('time')).toHaveText(/^(2:00|1:5\d)$/);
	await partner.clock.fastForward('02:01');
	await expect(runStrip(partner)).toContainText("Time's up");
	await expect(runStrip(partner).locator('time')).toHaveText('0:00');
	await partner.screenshot({ path: 'tests/.artifacts/timer-end.png' });
	await runStrip(facilitator).getByRole('button', { name: 'Reset' }).click();
	await expect(runStrip(partner).locator('time')).toHaveText('2:00');
	await expect(runStrip(partner)).toContainText('Ready');
	await expect(runStrip(facilitator).getByRole('button', { name: 'Start timer' })).toBeVisible();
});
