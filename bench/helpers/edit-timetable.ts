/**
 * When editors edit: one edit per interval each, at a random phase, for a fixed period. Editors
 * can join the timetable late (they take its next slot) and drop out; once the period is over
 * and every editor's last slot has passed, it says so once.
 */

export interface EditPeriod {
	/** Wall-clock times (ms since the epoch) the period starts and ends. */
	startAt: number;
	until: number;
	intervalMs: number;
}

export class EditTimetable {
	readonly #period: EditPeriod;
	readonly #now: () => number;
	readonly #onFinished: () => void;
	readonly #running = new Set<object>();
	/**
	 * Set by a timer at the end of the period, not read off the clock: a timer may fire a little
	 * before the time it was set for, and a finish that waited on the clock would never come.
	 */
	#over = false;
	#finished = false;

	/** `now` is the clock the period is in; `onFinished` is called once, when it is all over. */
	constructor(period: EditPeriod, now: () => number, onFinished: () => void) {
		this.#period = period;
		this.#now = now;
		this.#onFinished = onFinished;
		setTimeout(
			() => {
				this.#over = true;
				this.#finishIfDone();
			},
			Math.max(0, period.until - now())
		);
	}

	/** Calls `edit` at each of an editor's slots until the period ends or `gone()` is true. */
	start(editor: object, edit: () => void, gone: () => boolean): void {
		const { startAt, until, intervalMs } = this.#period;
		const phase = Math.random() * intervalMs;
		// An editor that joins late starts with the next slot of the shared timetable.
		let slot = Math.max(0, Math.ceil((this.#now() - startAt - phase) / intervalMs));
		this.#running.add(editor);
		const next = () => {
			const at = startAt + phase + slot * intervalMs;
			if (at >= until || gone()) {
				this.#running.delete(editor);
				this.#finishIfDone();
				return;
			}
			setTimeout(
				() => {
					if (!gone()) edit();
					slot++;
					next();
				},
				Math.max(0, at - this.#now())
			);
		};
		next();
	}

	#finishIfDone(): void {
		if (this.#finished || !this.#over || this.#running.size > 0) return;
		this.#finished = true;
		this.#onFinished();
	}
}
