/** Waiting for conditions in tests, with a deadline instead of a sleep. */

/** Polls `condition` until it is true, failing with `what` after `timeoutMs`. */
export async function waitFor(
	condition: () => boolean,
	what: string,
	timeoutMs = 10_000
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
}
