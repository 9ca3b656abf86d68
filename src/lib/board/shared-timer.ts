/**
 * The shared countdown. Its times are the server's clock, which each browser measures (see
 * ServerClock), so it reads the same everywhere whatever the browsers' own clocks say.
 */
import * as Y from 'yjs';
import { num } from './board-doc.ts';
import { KEY, child, root } from './facilitation-map.ts';

/** The shared countdown. Times are the server's clock (see ServerClock in the client). */
export interface Timer {
	/** Length it was set to, in ms. */
	durationMs: number;
	/** When it reaches zero, in server ms, while running; null when paused or reset. */
	endsAt: number | null;
	/** What is left while paused or before it starts, in ms. */
	remainingMs: number;
}

/** The timer as stored (a zero timer if none was ever set). */
export function readTimer(doc: Y.Doc): Timer {
	const timer = root(doc).get(KEY.timer);
	if (!(timer instanceof Y.Map)) return { durationMs: 0, endsAt: null, remainingMs: 0 };
	const endsAt = timer.get('endsAt');
	return {
		durationMs: Math.max(0, num(timer, 'durationMs')),
		endsAt: typeof endsAt === 'number' && Number.isFinite(endsAt) ? endsAt : null,
		remainingMs: Math.max(0, num(timer, 'remainingMs'))
	};
}

/** Milliseconds left on the timer at server time `now` (never negative). */
export function timeLeft(timer: Timer, now: number): number {
	return timer.endsAt === null ? timer.remainingMs : Math.max(0, timer.endsAt - now);
}

/** Whether the timer is counting down at server time `now`. */
export function isRunning(timer: Timer, now: number): boolean {
	return timer.endsAt !== null && timer.endsAt > now;
}

/** Sets the timer to `durationMs` and starts it at server time `now`. */
export function startTimer(doc: Y.Doc, durationMs: number, now: number): void {
	doc.transact(() => {
		const timer = child(doc, KEY.timer);
		timer.set('durationMs', durationMs);
		timer.set('remainingMs', durationMs);
		timer.set('endsAt', now + durationMs);
	});
}

/** Pauses a running timer, keeping what is left. */
export function pauseTimer(doc: Y.Doc, now: number): void {
	const timer = readTimer(doc);
	if (timer.endsAt === null) return;
	doc.transact(() => {
		const map = child(doc, KEY.timer);
		map.set('remainingMs', Math.max(0, timer.endsAt! - now));
		map.set('endsAt', null);
	});
}

/** Starts a paused timer again from what was left. */
export function resumeTimer(doc: Y.Doc, now: number): void {
	const timer = readTimer(doc);
	if (timer.endsAt !== null || timer.remainingMs <= 0) return;
	child(doc, KEY.timer).set('endsAt', now + timer.remainingMs);
}

/** Adds time to the timer, running or not (a finished timer restarts with the added time). */
export function addTime(doc: Y.Doc, ms: number, now: number): void {
	const timer = readTimer(doc);
	doc.transact(() => {
		const map = child(doc, KEY.timer);
		map.set('durationMs', timer.durationMs + ms);
		if (timer.endsAt === null) map.set('remainingMs', timer.remainingMs + ms);
		else map.set('endsAt', Math.max(timer.endsAt, now) + ms);
	});
}

/** Stops the timer and sets it back to its full length. */
export function resetTimer(doc: Y.Doc): void {
	const timer = readTimer(doc);
	doc.transact(() => {
		const map = child(doc, KEY.timer);
		map.set('endsAt', null);
		map.set('remainingMs', timer.durationMs);
	});
}

/** Minutes and seconds for a countdown ("4:05"), rounding part seconds up so zero means done. */
export function formatCountdown(ms: number): string {
	const seconds = Math.ceil(Math.max(0, ms) / 1000);
	const minutes = Math.floor(seconds / 60);
	return `${minutes}:${String(seconds % 60).padStart(2, '0')}`;
}
