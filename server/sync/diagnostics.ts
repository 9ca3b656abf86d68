/**
 * Instrumentation of the sync server through `node:diagnostics_channel`: free when nobody
 * subscribes, and available to tests and metrics without threading hooks through every layer.
 */
import diagnosticsChannel from 'node:diagnostics_channel';
import fs from 'node:fs';

/** What is published on `messageHandled` after a room has handled one frame. */
export interface MessageHandled {
	workshopId: string;
	/** Wall-clock time the handler took, in milliseconds (includes time the OS ran others). */
	ms: number;
	/** CPU time the thread spent meanwhile, in milliseconds (threadCpuMs): the work the frame cost. */
	cpuMs: number;
	/** Whether the frame made the server close its connection. */
	rejected: boolean;
	/** The frame's message type and, for sync messages, subtype ("0/2": a sync update). */
	kind: string;
	bytes: number;
}

/** What is published on `roomCompacted` after a room folded its update log into its snapshot. */
export interface RoomCompacted {
	workshopId: string;
	/** Wall-clock time encoding and storing the snapshot took, in milliseconds. */
	ms: number;
	/** Size of the stored snapshot. */
	bytes: number;
}

/** Published (as a MessageHandled) after each frame a room handles. */
export const messageHandled = diagnosticsChannel.channel('pillarboard:sync:message-handled');

/** Published (as a RoomCompacted) after each compaction. */
export const roomCompacted = diagnosticsChannel.channel('pillarboard:sync:room-compacted');

/** Where Linux keeps the calling thread's scheduler figures; the first is its CPU time in ns. */
const THREAD_SCHEDSTAT = '/proc/thread-self/schedstat';
const NS_PER_MS = 1e6;

type ThreadCpuUsage = () => { user: number; system: number };

function threadCpuReader(): () => number {
	// Node 23.9 and later measure the calling thread; before that Linux tells through /proc.
	const threadCpuUsage = (process as { threadCpuUsage?: ThreadCpuUsage }).threadCpuUsage;
	if (threadCpuUsage) {
		return () => {
			const { user, system } = threadCpuUsage();
			return (user + system) / 1000;
		};
	}
	try {
		fs.readFileSync(THREAD_SCHEDSTAT, 'latin1');
		return () => Number(fs.readFileSync(THREAD_SCHEDSTAT, 'latin1').split(' ', 1)[0]) / NS_PER_MS;
	} catch {
		// Elsewhere the whole process's CPU time: an upper bound (other threads count too).
		return () => {
			const { user, system } = process.cpuUsage();
			return (user + system) / 1000;
		};
	}
}

/**
 * CPU time the calling thread has used, in milliseconds: what a frame cost the event loop, apart
 * from other threads (the compaction worker, the garbage collector's helpers). For measurements
 * only: on Linux before Node 23.9 it reads a file.
 */
export const threadCpuMs: () => number = threadCpuReader();
