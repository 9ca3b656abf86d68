import { describe, expect, it } from 'vitest';
import { RateLimiter, describeWait } from './rate-limit.ts';

const MINUTE = 60_000;
const START = Date.UTC(2025, 0, 1);

describe('RateLimiter', () => {
	it('allows up to max attempts within the window and refuses the next', () => {
		const limiter = new RateLimiter(3, 15 * MINUTE);
		for (let i = 0; i < 3; i++) {
			expect(limiter.consume('ip:1', START + i).allowed).toBe(true);
		}
		const refused = limiter.consume('ip:1', START + 5 * MINUTE);
		expect(refused.allowed).toBe(false);
		expect(refused.retryAfterMs).toBe(10 * MINUTE);
	});

	it('counts each key separately', () => {
		const limiter = new RateLimiter(1, 15 * MINUTE);
		expect(limiter.consume('a@example.org', START).allowed).toBe(true);
		expect(limiter.consume('a@example.org', START).allowed).toBe(false);
		expect(limiter.consume('b@example.org', START).allowed).toBe(true);
	});

	it('allows attempts again once the window has passed', () => {
		const limiter = new RateLimiter(2, 15 * MINUTE);
		limiter.consume('ip:1', START);
		limiter.consume('ip:1', START);
		expect(limiter.consume('ip:1', START + 15 * MINUTE - 1).allowed).toBe(false);
		expect(limiter.consume('ip:1', START + 15 * MINUTE).allowed).toBe(true);
	});

	it('forgets a key after reset', () => {
		const limiter = new RateLimiter(1, 15 * MINUTE);
		limiter.consume('a@example.org', START);
		expect(limiter.consume('a@example.org', START).allowed).toBe(false);
		limiter.reset('a@example.org');
		expect(limiter.consume('a@example.org', START).allowed).toBe(true);
	});

	it('keeps refusing while refused attempts go on, without extending the wait', () => {
		const limiter = new RateLimiter(1, 10 * MINUTE);
		limiter.consume('ip:1', START);
		expect(limiter.consume('ip:1', START + MINUTE).retryAfterMs).toBe(9 * MINUTE);
		expect(limiter.consume('ip:1', START + 2 * MINUTE).retryAfterMs).toBe(8 * MINUTE);
	});
});

describe('describeWait', () => {
	it('speaks in seconds for a short wait', () => {
		expect(describeWait(40_000)).toBe('in 40 seconds');
		expect(describeWait(1_000)).toBe('in 1 second');
	});

	it('never says "in 0 seconds"', () => {
		expect(describeWait(0)).toBe('in 1 second');
		expect(describeWait(1)).toBe('in 1 second');
	});

	it('rounds a longer wait up to whole minutes', () => {
		expect(describeWait(12 * MINUTE)).toBe('in 12 minutes');
		expect(describeWait(11 * MINUTE + 1_000)).toBe('in 12 minutes');
	});

	it('fits into the sentence shown to a person', () => {
		expect(`Try again ${describeWait(3 * MINUTE)}.`).toBe('Try again in 3 minutes.');
	});
});
