/** Small measuring tools shared by the benchmarks: clocks, percentiles, process memory and CPU. */
import fs from 'node:fs';

export const MIB = 1024 * 1024;

/** Linux clock ticks per second, the unit of utime/stime in /proc/<pid>/stat. */
const CLOCK_TICKS_PER_SECOND = 100;

/**
 * Milliseconds since the epoch with sub-millisecond resolution. Every process on this machine
 * derives it from the same system clock, so a timestamp taken in one process can be compared
 * with one taken in another.
 */
export function wallClockMs(): number {
	return performance.timeOrigin + performance.now();
}

/** The p-th percentile (0–100) of ascending values, by the nearest-rank method; NaN if empty. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
	if (sorted.length === 0) return Number.NaN;
	const rank = Math.ceil((p / 100) * sorted.length);
	return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/** One value from /proc/<pid>/status in KiB (VmRSS: resident now; VmHWM: peak resident). */
function readStatusKib(pid: number, field: 'VmRSS' | 'VmHWM'): number {
	const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
	const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
	if (!match) throw new Error(`/proc/${pid}/status has no ${field}`);
	return Number(match[1]);
}

/** Resident memory of a process now, in MiB. */
export function readRssMib(pid: number): number {
	return readStatusKib(pid, 'VmRSS') / 1024;
}

/** Peak resident memory of a process since it started, in MiB (the kernel's high-water mark). */
export function readPeakRssMib(pid: number): number {
	return readStatusKib(pid, 'VmHWM') / 1024;
}

/** CPU time (user + system) a process has used so far, in seconds. */
export function readCpuSeconds(pid: number): number {
	const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
	// The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	const utime = Number(fields[11]);
	const stime = Number(fields[12]);
	return (utime + stime) / CLOCK_TICKS_PER_SECOND;
}

/** The machine's 1-minute load average, as `uptime` prints it. */
export function loadAverage(): number {
	return Number(fs.readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
}

/** Formats a number with a fixed number of decimals, or a dash when it is not a number. */
export function fixed(value: number, decimals = 1): string {
	return Number.isFinite(value) ? value.toFixed(decimals) : '–';
}
