/**
 * The server's clock as seen from this browser. The shared timer's end is a server time, so a
 * browser whose clock is minutes out still counts down with everyone else: the offset is measured
 * against `/time` a few times, keeping the sample with the shortest round trip (its error is at
 * most half that trip).
 */
const SAMPLES = 3;

export class ServerClock {
	/** Server time minus this browser's time, in ms (0 until measured). */
	offset = $state(0);
	/** Whether the offset has been measured at least once. */
	measured = $state(false);

	/** Server time now, by this browser's clock and the measured offset. */
	now(): number {
		return Date.now() + this.offset;
	}

	/** Measures the offset; failures leave the last measurement (or none) in place. */
	async sync(fetcher: typeof fetch = fetch): Promise<void> {
		let best: { roundTrip: number; offset: number } | null = null;
		for (let i = 0; i < SAMPLES; i++) {
			try {
				const sent = Date.now();
				const response = await fetcher('/time', { cache: 'no-store' });
				const received = Date.now();
				const { now } = (await response.json()) as { now: number };
				const roundTrip = received - sent;
				if (typeof now === 'number' && (!best || roundTrip < best.roundTrip)) {
					best = { roundTrip, offset: now - (sent + roundTrip / 2) };
				}
			} catch {
				// Offline for a moment: keep what we had.
			}
		}
		if (best) {
			this.offset = Math.round(best.offset);
			this.measured = true;
		}
	}
}
