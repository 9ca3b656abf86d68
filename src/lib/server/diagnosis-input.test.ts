import { describe, expect, it } from 'vitest';
import { parseFacilitatorRequest, parseScores } from './diagnosis-input.ts';

describe('reading the diagnosis requests', () => {
	it('reads a step or a scale for the facilitator, and refuses anything else with a sentence', () => {
		expect(parseFacilitatorRequest({ step: 'reveal' })).toEqual({
			ok: true,
			value: { step: 'reveal' }
		});
		expect(parseFacilitatorRequest({ scale: { min: 0, max: 3 } })).toEqual({
			ok: true,
			value: { scale: { min: 0, max: 3, minLabel: '', maxLabel: '' } }
		});
		expect(parseFacilitatorRequest({ step: 'explode' })).toEqual({
			ok: false,
			message: '"step" must be one of open, close, reveal, show.'
		});
		expect(parseFacilitatorRequest({ scale: { min: '1', max: 5 } }).ok).toBe(false);
		expect(parseFacilitatorRequest({ scale: { min: 1, max: 5, minLabel: 7 } }).ok).toBe(false);
		expect(parseFacilitatorRequest(null).ok).toBe(false);
	});

	it('reads scores, with null to take one away and an empty note by default', () => {
		expect(
			parseScores({
				scores: [
					{ pillar: 'spend', score: 3, note: 'Local lots' },
					{ pillar: 'land', score: null }
				]
			})
		).toEqual({
			ok: true,
			value: [
				{ pillar: 'spend', score: 3, note: 'Local lots' },
				{ pillar: 'land', score: null, note: '' }
			]
		});
	});

	it('refuses scores that are not numbers, pillars without keys, long notes and other shapes', () => {
		expect(parseScores({ scores: [{ pillar: 'spend', score: '3' }] }).ok).toBe(false);
		expect(parseScores({ scores: [{ score: 3 }] }).ok).toBe(false);
		expect(parseScores({ scores: [{ pillar: 'spend', score: 3, note: 4 }] }).ok).toBe(false);
		expect(parseScores({ scores: [{ pillar: 'spend', score: 3, note: 'x'.repeat(501) }] }).ok).toBe(
			false
		);
		expect(
			parseScores({ scores: Array.from({ length: 51 }, () => ({ pillar: 'spend', score: 1 })) }).ok
		).toBe(false);
		expect(parseScores([]).ok).toBe(false);
	});
});
