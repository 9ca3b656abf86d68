/**
 * Entry point of an instrumented server child process: the production start-up path (as
 * server-process.ts), plus measurements the parent asks for over IPC — how long each frame's
 * handler took, the event loop's worst delay, and memory. Prints `listening PORT`.
 */
import diagnosticsChannel from 'node:diagnostics_channel';
import { PerformanceObserver, monitorEventLoopDelay } from 'node:perf_hooks';
import { startServer } from '../../server/app-server.ts';
import { MIGRATIONS_FOLDER, readConfig } from '../../server/config.ts';
import {
	messageHandled,
	roomCompacted,
	type MessageHandled,
	type RoomCompacted
} from '../../server/sync/diagnostics.ts';
import { pendingBytes } from '../../server/sync/pending.ts';
import { createDb, migrateDb } from '../../src/lib/server/db/index.ts';
import type { ServerStats, SlowFrame } from './instrumented-server.ts';

const NS_PER_MS = 1e6;
const config = readConfig(process.env);
const db = createDb(config.databasePath);
migrateDb(db, MIGRATIONS_FOLDER);

const eventLoop = monitorEventLoopDelay({ resolution: 10 });
let maxGcMs = 0;
new PerformanceObserver((entries) => {
	for (const entry of entries.getEntries()) maxGcMs = Math.max(maxGcMs, entry.duration);
}).observe({ entryTypes: ['gc'] });
/** How many of the slowest frames are kept, to say what made them slow. */
const SLOW_FRAMES_KEPT = 5;
const handled = { count: 0, rejected: 0, maxMs: 0, maxCpuMs: 0, maxBlockingMs: 0, totalMs: 0 };
const slowest: SlowFrame[] = [];
const compactions = { count: 0, maxMs: 0, maxBytes: 0 };
diagnosticsChannel.subscribe(roomCompacted.name, (message) => {
	const { ms, bytes } = message as RoomCompacted;
	compactions.count++;
	compactions.maxMs = Math.max(compactions.maxMs, ms);
	compactions.maxBytes = Math.max(compactions.maxBytes, bytes);
});
diagnosticsChannel.subscribe(messageHandled.name, (message) => {
	const { ms, cpuMs, rejected, kind, bytes } = message as MessageHandled;
	const blockingMs = Math.min(ms, cpuMs);
	handled.count++;
	if (rejected) handled.rejected++;
	handled.maxMs = Math.max(handled.maxMs, ms);
	handled.maxCpuMs = Math.max(handled.maxCpuMs, cpuMs);
	handled.maxBlockingMs = Math.max(handled.maxBlockingMs, blockingMs);
	handled.totalMs += ms;
	const frame = { blockingMs, kind, bytes, rejected };
	if (slowest.length < SLOW_FRAMES_KEPT || blockingMs > slowest.at(-1)!.blockingMs) {
		slowest.push(frame);
		slowest.sort((a, b) => b.blockingMs - a.blockingMs);
		slowest.length = Math.min(slowest.length, SLOW_FRAMES_KEPT);
	}
});

const running = await startServer({ db, port: config.port, host: '127.0.0.1', publicOrigin: null });
eventLoop.enable();

/** TCP connections the server holds, upgraded and refused sockets included. */
function openSockets(): Promise<number> {
	return new Promise((resolve) => running.server.getConnections((_error, count) => resolve(count)));
}

async function stats(): Promise<ServerStats> {
	const memory = process.memoryUsage();
	return {
		handled: handled.count,
		rejected: handled.rejected,
		maxHandlerMs: handled.maxMs,
		maxHandlerCpuMs: handled.maxCpuMs,
		maxHandlerBlockingMs: handled.maxBlockingMs,
		totalHandlerMs: handled.totalMs,
		slowestFrames: [...slowest],
		compactions: { ...compactions },
		pendingBytes: [...running.sync.rooms.all()].reduce(
			(sum, room) => sum + pendingBytes(room.doc),
			0
		),
		maxEventLoopDelayMs: eventLoop.max / NS_PER_MS,
		maxGcPauseMs: maxGcMs,
		p99EventLoopDelayMs: eventLoop.percentile(99) / NS_PER_MS,
		cpuMs: (process.cpuUsage().user + process.cpuUsage().system) / 1000,
		rssBytes: memory.rss,
		heapUsedBytes: memory.heapUsed,
		externalBytes: memory.external + memory.arrayBuffers,
		openSockets: await openSockets()
	};
}

process.on('message', (request: { id: number; collectGarbage?: boolean }) => {
	if (request.collectGarbage) globalThis.gc?.();
	void stats().then((result) => process.send!({ id: request.id, stats: result }));
});
console.log(`listening ${running.port}`);
process.on('SIGTERM', () => {
	void running.close().then(() => {
		db.$client.close();
		process.exit(0);
	});
});
