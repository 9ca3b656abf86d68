import { describe, expect, it } from 'vitest';
import { newId } from './board-doc.ts';
import {
	MAX_PRIVATE_POSITION,
	MAX_PRIVATE_TEXT_LENGTH,
	checkPrivateCardFields,
	isCardId
} from './private-cards.ts';

describe('checkPrivateCardFields', () => {
	it('fills in the defaults of a new card and rounds its numbers', () => {
		expect(checkPrivateCardFields({ pillar: 'spend', x: 10.4, y: 3.6 }, false)).toEqual({
			ok: true,
			value: {
				pillar: 'spend',
				x: 10,
				y: 4,
				width: 240,
				height: 140,
				colour: '#fff4b8',
				text: ''
			}
		});
	});

	it('keeps only the fields given when changing a card, and lower-cases a colour', () => {
		expect(checkPrivateCardFields({ text: 'Local bakers', colour: '#D7F0D2' }, true)).toEqual({
			ok: true,
			value: { text: 'Local bakers', colour: '#d7f0d2' }
		});
	});

	it('requires a lane for a new card but not for a change', () => {
		expect(checkPrivateCardFields({ text: 'x' }, false)).toEqual({
			ok: false,
			message: 'Say which lane the card is in.'
		});
		expect(checkPrivateCardFields({ text: 'x' }, true).ok).toBe(true);
	});

	it('refuses what is not an object, unknown fields, and values out of range', () => {
		const refused = (input: unknown) => {
			const checked = checkPrivateCardFields(input, true);
			return checked.ok ? null : checked.message;
		};
		expect(refused(null)).toBe('Send the card as a JSON object.');
		expect(refused([1])).toBe('Send the card as a JSON object.');
		expect(refused({ authorId: 'someone-else' })).toBe('A private card has no field "authorId".');
		expect(refused({ x: -1 })).toMatch(/x must be a number from 0/);
		expect(refused({ y: MAX_PRIVATE_POSITION + 1 })).toMatch(/y must be a number/);
		expect(refused({ x: Number.NaN })).toMatch(/x must be a number/);
		expect(refused({ x: '12' })).toMatch(/x must be a number/);
		expect(refused({ width: 20 })).toBe("A card's width must be from 140 to 640.");
		expect(refused({ height: 5000 })).toBe("A card's height must be from 80 to 480.");
		expect(refused({ colour: 'red' })).toBe('A card colour is written #rrggbb.');
		expect(refused({ text: 42 })).toBe("A card's text must be text.");
		expect(refused({ text: 'a'.repeat(MAX_PRIVATE_TEXT_LENGTH + 1) })).toBe(
			'A card holds at most 2,000 characters.'
		);
		expect(refused({ pillar: '' })).toBe('Say which lane the card is in.');
	});

	it('accepts text exactly at the limit', () => {
		expect(checkPrivateCardFields({ text: 'a'.repeat(MAX_PRIVATE_TEXT_LENGTH) }, true).ok).toBe(
			true
		);
	});
});

describe('isCardId', () => {
	it('accepts the ids newId makes and nothing else', () => {
		expect(isCardId(newId())).toBe(true);
		expect(isCardId('A'.repeat(32))).toBe(false);
		expect(isCardId('../../etc/passwd')).toBe(false);
		expect(isCardId(12)).toBe(false);
	});
});
