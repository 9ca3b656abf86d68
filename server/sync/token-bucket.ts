/** A token bucket: a steady rate of events with room for a burst. Time is passed in, for tests. */
export class TokenBucket {
	readonly #perSecond: number;
	readonly #capacity: number;
	#tokens: number;
	#updatedAt: number;

	/** A full bucket of `capacity` tokens that refills at `perSecond`. */
	constructor(perSecond: number, capacity: number, now = performance.now()) {
		this.#perSecond = perSecond;
		this.#capacity = capacity;
		this.#tokens = capacity;
		this.#updatedAt = now;
	}

	/** Takes a token if there is one; returns whether it did. */
	take(now = performance.now()): boolean {
		this.#refill(now);
		if (this.#tokens < 1) return false;
		this.#tokens -= 1;
		return true;
	}

	/** Milliseconds until a token will be available (0 if one is now). */
	msUntilToken(now = performance.now()): number {
		this.#refill(now);
		return this.#tokens >= 1 ? 0 : Math.ceil(((1 - this.#tokens) / this.#perSecond) * 1000);
	}

	#refill(now: number): void {
		const elapsed = Math.max(0, now - this.#updatedAt) / 1000;
		this.#tokens = Math.min(this.#capacity, this.#tokens + elapsed * this.#perSecond);
		this.#updatedAt = now;
	}
}
