import type { RequestEvent } from '@sveltejs/kit';

/**
 * Fixed-window attempt counters, kept in memory (one process serves everything; DESIGN §5 moves
 * them to Redis when there are several). Used per IP and per account for sign-in.
 */

export interface RateLimitResult {
	allowed: boolean;
	/** When refused: milliseconds until the next attempt is allowed. */
	retryAfterMs: number;
}

/** Counts attempts per key within a window and refuses past `max`. */
export class RateLimiter {
	readonly #max: number;
	readonly #windowMs: number;
	readonly #attempts = new Map<string, { count: number; windowStart: number }>();

	constructor(max: number, windowMs: number) {
		this.#max = max;
		this.#windowMs = windowMs;
	}

	/** Records an attempt for `key` and says whether it may go ahead. */
	consume(key: string, now = Date.now()): RateLimitResult {
		this.#sweep(now);
		let entry = this.#attempts.get(key);
		if (!entry || now - entry.windowStart >= this.#windowMs) {
			entry = { count: 0, windowStart: now };
			this.#attempts.set(key, entry);
		}
		if (entry.count >= this.#max) {
			return { allowed: false, retryAfterMs: entry.windowStart + this.#windowMs - now };
		}
		entry.count++;
		return { allowed: true, retryAfterMs: 0 };
	}

	/** Forgets a key's attempts (after a successful sign-in, say). */
	reset(key: string): void {
		this.#attempts.delete(key);
	}

	/** Drops expired windows so the map cannot grow without bound. */
	#sweep(now: number): void {
		if (this.#attempts.size < 10_000) return;
		for (const [key, entry] of this.#attempts) {
			if (now - entry.windowStart >= this.#windowMs) this.#attempts.delete(key);
		}
	}
}

/** "in 3 minutes" / "in 40 seconds": for messages telling a person when to try again. */
export function describeWait(ms: number): string {
	const seconds = Math.max(1, Math.ceil(ms / 1000));
	if (seconds < 90) return `in ${seconds} second${seconds === 1 ? '' : 's'}`;
	return `in ${Math.ceil(seconds / 60)} minutes`;
}

/** The address a request came from, to key limits on; a shared bucket if the platform cannot tell. */
export function clientAddress(event: RequestEvent): string {
	try {
		return event.getClientAddress();
	} catch {
		return 'unknown';
	}
}
