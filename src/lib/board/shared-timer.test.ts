import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { makeRecord } from './board-doc.ts';
import { KEY, root } from './facilitation-map.ts';
import {
	addTime,
	formatCountdown,
	isRunning,
	pauseTimer,
	readTimer,
	resetTimer,
	resumeTimer,
	startTimer,
	timeLeft
} from './shared-timer.ts';

const MINUTE = 60_000;
/** Server time at which each test starts its timer. */
const T0 = 1_700_000_000_000;

/** A document whose timer was started at T0 for `minutes`. */
function running(minutes: number): Y.Doc {
	const doc = new Y.Doc();
	startTimer(doc, minutes * MINUTE, T0);
	return doc;
}

describe('startTimer', () => {
	it('sets the length and the moment it ends by the server clock', () => {
		const doc = running(10);
		expect(readTimer(doc)).toEqual({
			durationMs: 10 * MINUTE,
			endsAt: T0 + 10 * MINUTE,
			remainingMs: 10 * MINUTE
		});
	});

	it('counts down by the server time it is given and runs until it reaches zero', () => {
		const timer = readTimer(running(10));
		expect(timeLeft(timer, T0 + 4 * MINUTE)).toBe(6 * MINUTE);
		expect(isRunning(timer, T0 + 4 * MINUTE)).toBe(true);
		expect(timeLeft(timer, T0 + 10 * MINUTE)).toBe(0);
		expect(isRunning(timer, T0 + 10 * MINUTE)).toBe(false);
	});

	it('never reads a negative time left once the timer has finished', () => {
		const timer = readTimer(running(1));
		expect(timeLeft(timer, T0 + 5 * MINUTE)).toBe(0);
	});

	it('replaces a timer that was already running', () => {
		const doc = running(10);
		startTimer(doc, 3 * MINUTE, T0 + MINUTE);
		expect(readTimer(doc)).toEqual({
			durationMs: 3 * MINUTE,
			endsAt: T0 + 4 * MINUTE,
			remainingMs: 3 * MINUTE
		});
	});
});

describe('pauseTimer and resumeTimer', () => {
	it('keeps what was left when paused, and stops counting down', () => {
		const doc = running(10);
		pauseTimer(doc, T0 + 3 * MINUTE);
		const timer = readTimer(doc);
		expect(timer.endsAt).toBeNull();
		expect(timer.remainingMs).toBe(7 * MINUTE);
		expect(timeLeft(timer, T0 + 9 * MINUTE)).toBe(7 * MINUTE);
		expect(isRunning(timer, T0 + 9 * MINUTE)).toBe(false);
	});

	it('leaves a paused timer as it is when paused again', () => {
		const doc = running(10);
		pauseTimer(doc, T0 + 3 * MINUTE);
		pauseTimer(doc, T0 + 5 * MINUTE);
		expect(readTimer(doc).remainingMs).toBe(7 * MINUTE);
	});

	it('pauses a finished timer at zero', () => {
		const doc = running(1);
		pauseTimer(doc, T0 + 2 * MINUTE);
		expect(readTimer(doc)).toMatchObject({ endsAt: null, remainingMs: 0 });
	});

	it('resumes from what was left, at the server time it is resumed', () => {
		const doc = running(10);
		pauseTimer(doc, T0 + 3 * MINUTE);
		resumeTimer(doc, T0 + 20 * MINUTE);
		const timer = readTimer(doc);
		expect(timer.endsAt).toBe(T0 + 27 * MINUTE);
		expect(timeLeft(timer, T0 + 21 * MINUTE)).toBe(6 * MINUTE);
		expect(isRunning(timer, T0 + 21 * MINUTE)).toBe(true);
	});

	it('does not move the end of a timer that is already running when resumed', () => {
		const doc = running(10);
		resumeTimer(doc, T0 + 5 * MINUTE);
		expect(readTimer(doc).endsAt).toBe(T0 + 10 * MINUTE);
	});

	it('does not resume a timer with nothing left', () => {
		const doc = running(1);
		pauseTimer(doc, T0 + 2 * MINUTE);
		resumeTimer(doc, T0 + 3 * MINUTE);
		expect(readTimer(doc).endsAt).toBeNull();
	});
});

describe('addTime', () => {
	it('moves the end of a running timer later and lengthens it', () => {
		const doc = running(10);
		addTime(doc, MINUTE, T0 + 4 * MINUTE);
		const timer = readTimer(doc);
		expect(timer.endsAt).toBe(T0 + 11 * MINUTE);
		expect(timer.durationMs).toBe(11 * MINUTE);
		expect(timeLeft(timer, T0 + 4 * MINUTE)).toBe(7 * MINUTE);
	});

	it('adds to what is left of a paused timer without starting it', () => {
		const doc = running(10);
		pauseTimer(doc, T0 + 4 * MINUTE);
		addTime(doc, MINUTE, T0 + 5 * MINUTE);
		expect(readTimer(doc)).toEqual({
			durationMs: 11 * MINUTE,
			endsAt: null,
			remainingMs: 7 * MINUTE
		});
	});

	it('restarts a finished timer with only the added time, from the server time given', () => {
		const doc = running(10);
		const now = T0 + 15 * MINUTE;
		addTime(doc, MINUTE, now);
		const timer = readTimer(doc);
		expect(timer.endsAt).toBe(now + MINUTE);
		expect(timer.durationMs).toBe(11 * MINUTE);
		expect(timeLeft(timer, now)).toBe(MINUTE);
		expect(isRunning(timer, now)).toBe(true);
	});

	it('gives a board that never had a timer a paused one of the added length', () => {
		const doc = new Y.Doc();
		addTime(doc, 2 * MINUTE, T0);
		expect(readTimer(doc)).toEqual({
			durationMs: 2 * MINUTE,
			endsAt: null,
			remainingMs: 2 * MINUTE
		});
	});
});

describe('resetTimer', () => {
	it('stops a running timer and sets it back to its full length', () => {
		const doc = running(10);
		resetTimer(doc);
		const timer = readTimer(doc);
		expect(timer).toEqual({ durationMs: 10 * MINUTE, endsAt: null, remainingMs: 10 * MINUTE });
		expect(isRunning(timer, T0 + MINUTE)).toBe(false);
		expect(timeLeft(timer, T0 + MINUTE)).toBe(10 * MINUTE);
	});

	it('sets a timer back to its length including any time added to it', () => {
		const doc = running(10);
		addTime(doc, MINUTE, T0);
		pauseTimer(doc, T0 + 5 * MINUTE);
		resetTimer(doc);
		expect(readTimer(doc).remainingMs).toBe(11 * MINUTE);
	});
});

describe('readTimer', () => {
	it('reads a zero, stopped timer from a board that never had one', () => {
		const timer = readTimer(new Y.Doc());
		expect(timer).toEqual({ durationMs: 0, endsAt: null, remainingMs: 0 });
		expect(isRunning(timer, T0)).toBe(false);
		expect(timeLeft(timer, T0)).toBe(0);
	});

	it('reads a non-finite or non-numeric end as a stopped timer', () => {
		for (const endsAt of [Infinity, -Infinity, NaN, 'soon', true]) {
			const doc = new Y.Doc();
			root(doc).set(KEY.timer, makeRecord({ durationMs: MINUTE, remainingMs: MINUTE, endsAt }));
			const timer = readTimer(doc);
			expect(timer.endsAt).toBeNull();
			expect(timeLeft(timer, T0)).toBe(MINUTE);
		}
	});

	it('reads negative or garbled lengths as zero', () => {
		const doc = new Y.Doc();
		root(doc).set(KEY.timer, makeRecord({ durationMs: -5, remainingMs: '3 minutes' }));
		expect(readTimer(doc)).toEqual({ durationMs: 0, endsAt: null, remainingMs: 0 });
	});

	it('reads a timer that is not a map as no timer', () => {
		const doc = new Y.Doc();
		root(doc).set(KEY.timer, 300_000);
		expect(readTimer(doc)).toEqual({ durationMs: 0, endsAt: null, remainingMs: 0 });
	});
});

describe('formatCountdown', () => {
	it('shows minutes and two-digit seconds', () => {
		expect(formatCountdown(4 * MINUTE + 5_000)).toBe('4:05');
		expect(formatCountdown(10 * MINUTE)).toBe('10:00');
	});

	it('rounds part seconds up, so the display reads zero only when time is up', () => {
		expect(formatCountdown(4 * MINUTE + 4_001)).toBe('4:05');
		expect(formatCountdown(59_001)).toBe('1:00');
		expect(formatCountdown(1)).toBe('0:01');
	});

	it('shows zero for no time left and for a negative time', () => {
		expect(formatCountdown(0)).toBe('0:00');
		expect(formatCountdown(-2_500)).toBe('0:00');
	});

	it('counts minutes past sixty rather than showing hours', () => {
		expect(formatCountdown(61 * MINUTE + 30_000)).toBe('61:30');
		expect(formatCountdown(120 * MINUTE)).toBe('120:00');
	});
});
