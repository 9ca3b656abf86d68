import { describe, expect, it } from 'vitest';
import { safeRedirectTarget } from './redirect.ts';

describe('safeRedirectTarget', () => {
	it('keeps a path on this site, with its query and fragment', () => {
		expect(safeRedirectTarget('/workshops/abc')).toBe('/workshops/abc');
		expect(safeRedirectTarget('/workshops/abc/plan?view=pillar#top')).toBe(
			'/workshops/abc/plan?view=pillar#top'
		);
	});

	it('sends a person home when there is no target', () => {
		expect(safeRedirectTarget(null)).toBe('/');
		expect(safeRedirectTarget('')).toBe('/');
	});

	it('refuses absolute URLs and other schemes', () => {
		expect(safeRedirectTarget('https://evil.example/')).toBe('/');
		expect(safeRedirectTarget('javascript:alert(1)')).toBe('/');
		expect(safeRedirectTarget('workshops/abc')).toBe('/');
	});

	it('refuses protocol-relative targets that browsers read as another host', () => {
		expect(safeRedirectTarget('//evil.example')).toBe('/');
		expect(safeRedirectTarget('/\\evil.example')).toBe('/');
		expect(safeRedirectTarget('///evil.example')).toBe('/');
	});

	it('refuses backslashes, whitespace and control characters that browsers rewrite', () => {
		expect(safeRedirectTarget('/\t/evil.example')).toBe('/');
		expect(safeRedirectTarget('/\n/evil.example')).toBe('/');
		expect(safeRedirectTarget('/ /evil.example')).toBe('/');
		expect(safeRedirectTarget('/a\\b')).toBe('/');
	});

	it('refuses a target too long to be a link the app made', () => {
		expect(safeRedirectTarget('/' + 'a'.repeat(5_000))).toBe('/');
	});
});
