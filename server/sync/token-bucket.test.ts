import { describe, expect, it } from 'vitest';
import { TokenBucket } from './token-bucket.ts';

describe('TokenBucket', () => {
	it('allows a burst of its capacity, then nothing until it refills', () => {
		const bucket = new TokenBucket(10, 3, 0);
		expect([bucket.take(0), bucket.take(0), bucket.take(0), bucket.take(0)]).toEqual([
			true,
			true,
			true,
			false
		]);
		expect(bucket.msUntilToken(0)).toBe(100);
		expect(bucket.take(50)).toBe(false);
		expect(bucket.msUntilToken(50)).toBe(50);
		expect(bucket.take(100)).toBe(true);
	});

	it('refills at its rate but never above its capacity', () => {
		const bucket = new TokenBucket(10, 2, 0);
		bucket.take(0);
		bucket.take(0);
		let taken = 0;
		for (let i = 0; i < 10; i++) if (bucket.take(10_000)) taken++;
		expect(taken).toBe(2);
		expect(bucket.msUntilToken(10_000)).toBe(100);
	});
});
