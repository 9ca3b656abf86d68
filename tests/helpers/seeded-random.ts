/** Reproducible randomness for tests: the same seed gives the same sequence. */

/** A seed from PILLARBOARD_SEED if set (to replay a failure), otherwise a fresh one. */
export function testSeed(): number {
	const given = process.env.PILLARBOARD_SEED;
	return given ? Number(given) : Math.floor(Math.random() * 2 ** 31);
}

/** A random source for a seed (mulberry32): numbers in [0, 1) and whole numbers in a range. */
export function seededRandom(seed: number) {
	let state = seed >>> 0;
	const next = (): number => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
	};
	return {
		next,
		/** A whole number from `min` to `max`, both included. */
		between: (min: number, max: number): number => min + Math.floor(next() * (max - min + 1)),
		/** One element of a non-empty list. */
		pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]
	};
}

export type SeededRandom = ReturnType<typeof seededRandom>;
