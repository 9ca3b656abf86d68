import { expect, test } from '../helpers/test.ts';
import { addCard, cardReading, facilitatorAndPartner } from '../helpers/board.ts';

test('edits made offline are kept and merged with everyone’s when the connection returns', async ({
	browser
}) => {
	const { facilitator, partner } = await facilitatorAndPartner(browser, 'Offline workshop');
	await facilitator.context().setOffline(true);
	await expect(facilitator.getByText('Offline', { exact: true })).toBeVisible();

	await addCard(facilitator, 'Written on the train');
	await addCard(partner, 'Written in the room');
	// Neither has reached the other yet.
	await expect(cardReading(partner, 'Written in the room')).toBeVisible();
	await expect(cardReading(partner, 'Written on the train')).toHaveCount(0);
	await expect(cardReading(facilitator, 'Written in the room')).toHaveCount(0);

	await facilitator.context().setOffline(false);
	await expect(facilitator.getByText('Online', { exact: true })).toBeVisible();
	for (const page of [facilitator, partner]) {
		await expect(cardReading(page, 'Written on the train')).toBeVisible();
		await expect(cardReading(page, 'Written in the room')).toBeVisible();
	}
});
