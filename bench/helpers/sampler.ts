/** Watching a server process from outside: its peak memory over a window, and when it goes idle. */
import { readCpuSeconds, readRssMib } from './stats.ts';

/** How often the sampler reads /proc. */
const SAMPLE_INTERVAL_MS = 250;

export interface MemorySampler {
	/** Stops sampling and returns the highest RSS seen, in MiB. */
	stop(): number;
}

/** Samples a process's RSS until stopped. */
export function sampleMemory(pid: number): MemorySampler {
	let peak = readRssMib(pid);
	const timer = setInterval(() => {
		peak = Math.max(peak, readRssMib(pid));
	}, SAMPLE_INTERVAL_MS);
	return {
		stop() {
			clearInterval(timer);
			return Math.max(peak, readRssMib(pid));
		}
	};
}

/** CPU a set of processes used, in seconds, since the previous call (or since creation). */
export function cpuMeter(pids: number[]): () => number {
	const total = () => pids.reduce((sum, pid) => sum + readCpuSeconds(pid), 0);
	let last = total();
	return () => {
		const now = total();
		const used = now - last;
		last = now;
		return used;
	};
}

/**
 * Waits until a process uses less than `quietShare` of one core over a second (the storm of
 * joins and first presence messages is over), or until `timeoutMs`; returns whether it did.
 */
export async function waitForQuiet(pid: number, quietShare = 0.2, timeoutMs = 20_000) {
	const deadline = Date.now() + timeoutMs;
	const meter = cpuMeter([pid]);
	while (Date.now() < deadline) {
		await new Promise((resolve) => setTimeout(resolve, 1_000));
		if (meter() <= quietShare) return true;
	}
	return false;
}
