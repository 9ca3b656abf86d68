/**
 * The time of day for pages that say "5 minutes ago": ticks while the component that creates it
 * lives, and says whether we are in the browser yet (the server renders times in UTC).
 */
const TICK_IN_MS = 30_000;

export class Clock {
	/** Milliseconds since the epoch, renewed every 30 seconds. */
	now = $state(Date.now());
	/** True once in the browser: show times in the viewer's own time zone. */
	local = $state(false);

	/** Create during component initialisation. */
	constructor() {
		$effect(() => {
			this.local = true;
			this.now = Date.now();
			const timer = setInterval(() => (this.now = Date.now()), TICK_IN_MS);
			return () => clearInterval(timer);
		});
	}

	/** The time zone to format in: the browser's own, or UTC on the server. */
	get timeZone(): string | undefined {
		return this.local ? undefined : 'UTC';
	}
}
