/**
 * Event-loop delay of the current process, for the benchmarks' processes to report: how late the
 * loop ran what was due (a stall there delays every message the process handles).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';

const NS_PER_MS = 1e6;
/** The histogram samples every RESOLUTION_MS and records the whole interval; the excess is delay. */
const RESOLUTION_MS = 10;

export interface LoopDelay {
	p99Ms: number;
	maxMs: number;
}

/** Starts measuring; each call of the returned function reports and starts a fresh window. */
export function watchLoopDelay(): () => LoopDelay {
	const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
	histogram.enable();
	const excess = (ns: number) => Math.max(0, ns / NS_PER_MS - RESOLUTION_MS);
	return () => {
		const delay = { p99Ms: excess(histogram.percentile(99)), maxMs: excess(histogram.max) };
		histogram.reset();
		return delay;
	};
}
