import { describe, expect, it } from 'vitest';
import { parseBallotChange, parseNewVote } from './vote-input.ts';

const settings = { kind: 'cards', items: ['a', 'b'], budget: 5, per: 'person', maxPerItem: 2 };

describe("a new vote's settings", () => {
	it('are taken with a tidy title, or "Vote" when none is given, and each item once', () => {
		expect(
			parseNewVote({ ...settings, title: '  Which   first? ', items: ['a', 'b', 'a'] })
		).toEqual({
			ok: true,
			value: {
				title: 'Which first?',
				kind: 'cards',
				items: ['a', 'b'],
				budget: 5,
				per: 'person',
				maxPerItem: 2
			}
		});
		expect(parseNewVote(settings)).toMatchObject({ ok: true, value: { title: 'Vote' } });
	});

	it.each([
		['not an object', ['a'], 'Send the vote as a JSON object.'],
		['a long title', { ...settings, title: 'x'.repeat(121) }, 'Keep the title to 120 characters.'],
		['items that are not ids', { ...settings, items: [1] }, 'Choose the cards to vote on.'],
		['no items', { ...settings, items: [] }, 'Choose at least one of the cards.'],
		[
			'too many items',
			{ ...settings, items: Array.from({ length: 501 }, (_, i) => `i${i}`) },
			'A vote can offer at most 500 cards.'
		],
		[
			'a fractional budget',
			{ ...settings, budget: 2.5 },
			'The budget must be a whole number from 1 to 100.'
		],
		[
			'a budget over 100',
			{ ...settings, budget: 101 },
			'The budget must be a whole number from 1 to 100.'
		],
		[
			'a maximum over the budget',
			{ ...settings, maxPerItem: 6 },
			'The most votes on one item must be a whole number from 1 to the budget (5).'
		],
		[
			'an unknown budget holder',
			{ ...settings, per: 'team' },
			'Say whether the budget is per person or per partner.'
		]
	])('are refused with %s', (_, input, message) => {
		expect(parseNewVote(input)).toEqual({ ok: false, message });
	});
});

describe('a change to a ballot', () => {
	it('is a whole number of votes on or off one item', () => {
		expect(parseBallotChange({ item: 'a', change: -1 })).toEqual({
			ok: true,
			value: { item: 'a', change: -1 }
		});
	});

	it.each([
		[null, 'Send the vote as a JSON object.'],
		[{ change: 1 }, 'Say which item the vote is for.'],
		[{ item: 'a'.repeat(65), change: 1 }, 'Say which item the vote is for.'],
		[{ item: 'a', change: 0 }, 'Add or take off a whole number of votes, such as 1 or -1.'],
		[{ item: 'a', change: '1' }, 'Add or take off a whole number of votes, such as 1 or -1.'],
		[{ item: 'a', change: 1e9 }, 'Add or take off a whole number of votes, such as 1 or -1.']
	])('is refused when it is %j', (input, message) => {
		expect(parseBallotChange(input)).toEqual({ ok: false, message });
	});
});
