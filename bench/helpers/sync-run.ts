/**
 * One run of a bench:sync scenario against one server: a fresh server process and fresh client
 * workers, the clients joined, a fixed period of edits, then (bounded) waiting until every client
 * has every edit. Returns the raw measures; bench/sync.ts pools runs and prints them.
 */
import { prepareBoards, type BoardLayout } from './boards.ts';
import { cpuMeter, sampleMemory, waitForQuiet } from './sampler.ts';
import type { LoopDelay } from './loop-delay.ts';
import { startBenchServer, type ServerKind } from './servers.ts';
import { fixed, loadAverage, readPeakRssMib, wallClockMs } from './stats.ts';
import type { DeliveryReport } from './worker-protocol.ts';
import { dealClients, mergeFinalSeqs, startWorkers } from './workers.ts';

export interface Scenario {
	name: string;
	layout: BoardLayout;
	/** Time between two edits of one editor. */
	intervalMs: number;
	/**
	 * Whether clients keep presence as the stock client does: renewed every 15 s, and every
	 * state received sent back to the server, so O(clients²) messages per board.
	 */
	presence: boolean;
	/** Client worker processes (the machine has 2 cores, and the server needs one). */
	workers: number;
}

export interface Run {
	scenario: Scenario;
	kind: ServerKind;
	clients: number;
	failedJoins: number;
	edits: number;
	durationMs: number;
	/** Arrival latencies in ms, ascending. */
	latencies: Float64Array;
	delivered: number;
	expected: number;
	/** From the first edit to the last arrival (or the end of the edits, if later). */
	relaySeconds: number;
	/** From the first edit until every client had every edit: the window CPU is measured over. */
	windowSeconds: number;
	serverCpuSeconds: number;
	clientCpuSeconds: number;
	/** Server RSS when the edits had settled, MiB. */
	endRssMib: number;
	/** Highest RSS of the server process since it started (kernel high-water mark), MiB. */
	peakRssMib: number;
	/** The server's event-loop delay over the window. */
	serverLoopDelay: LoopDelay;
	/** The worst client worker's event-loop delay over the window. */
	clientLoopDelay: LoopDelay;
}

/** Clients connecting at once per worker, and the bounds on joining and on settling. */
const JOIN_CONCURRENCY = 10;
const JOIN_TIMEOUT_MS = 60_000;
const SETTLE_TIMEOUT_MS = 30_000;
/** Delay between ordering the edits and the first one, so every worker starts on time. */
const START_DELAY_MS = 500;

function sum<T>(items: T[], value: (item: T) => number): number {
	return items.reduce((total, item) => total + value(item), 0);
}

function sortedLatencies(reports: DeliveryReport[]): Float64Array {
	const all = new Float64Array(sum(reports, (r) => r.latencies.length));
	let offset = 0;
	for (const report of reports) {
		all.set(report.latencies, offset);
		offset += report.latencies.length;
	}
	return all.sort();
}

/** Runs a scenario once against a fresh server of the given kind. */
export async function runScenario(
	scenario: Scenario,
	kind: ServerKind,
	{ durationMs, profileDir }: { durationMs: number; profileDir?: string }
): Promise<Run> {
	const log = (text: string) =>
		console.error(`${new Date().toISOString().slice(11, 19)} [${scenario.name} · ${kind}] ${text}`);
	const boards = prepareBoards(kind, scenario.layout);
	const server = await startBenchServer(kind, { databasePath: boards.databasePath, profileDir });
	const workers = startWorkers(scenario.workers);
	try {
		const shares = dealClients(boards.clients, workers.length);
		const joinStarted = performance.now();
		const joins = await Promise.all(
			workers.map((worker, i) =>
				worker.ask(
					{
						type: 'join',
						syncUrl: server.syncUrl,
						clients: shares[i],
						seeds: boards.seeds,
						concurrency: JOIN_CONCURRENCY,
						timeoutMs: JOIN_TIMEOUT_MS,
						presence: scenario.presence
					},
					'joined'
				)
			)
		);
		const clients = sum(joins, (j) => j.joined);
		const failedJoins = sum(joins, (j) => j.failed);
		const joinSeconds = (performance.now() - joinStarted) / 1000;
		log(`${clients} joined, ${failedJoins} failed, in ${fixed(joinSeconds)} s`);
		if (!(await waitForQuiet(server.pid))) log('the server stayed busy after the joins');

		log(`editing for ${durationMs / 1000} s`);
		await server.status();
		const memory = sampleMemory(server.pid);
		const serverCpu = cpuMeter([server.pid]);
		const clientCpu = cpuMeter(workers.map((worker) => worker.process.pid!));
		const startAt = wallClockMs() + START_DELAY_MS;
		const until = startAt + durationMs;
		const edited = await Promise.all(
			workers.map((worker) =>
				worker.ask({ type: 'edit', startAt, until, intervalMs: scenario.intervalMs }, 'edited')
			)
		);
		log('edits made; waiting for every client to have them');
		const finalSeqs = mergeFinalSeqs(edited.map((e) => e.finalSeqs));
		const edits = sum(Object.values(finalSeqs), (seqs) => sum(Object.values(seqs), (n) => n));
		const settled = await Promise.all(
			workers.map((worker) =>
				worker.ask({ type: 'settle', finalSeqs, timeoutMs: SETTLE_TIMEOUT_MS }, 'settled')
			)
		);
		const reports = settled.map((s) => s.report);
		const lastArrival = Math.max(until, ...reports.map((r) => r.lastArrival));
		const run: Run = {
			scenario,
			kind,
			clients,
			failedJoins,
			edits,
			durationMs,
			latencies: sortedLatencies(reports),
			delivered: sum(reports, (r) => r.delivered),
			expected: sum(reports, (r) => r.expected),
			relaySeconds: (lastArrival - startAt) / 1000,
			windowSeconds: (wallClockMs() - startAt) / 1000,
			serverCpuSeconds: serverCpu(),
			clientCpuSeconds: clientCpu(),
			endRssMib: memory.stop(),
			peakRssMib: readPeakRssMib(server.pid),
			serverLoopDelay: (await server.status()).loopDelay,
			clientLoopDelay: {
				p99Ms: Math.max(...reports.map((r) => r.loopDelay.p99Ms)),
				maxMs: Math.max(...reports.map((r) => r.loopDelay.maxMs))
			}
		};
		log(
			`${edits} edits, ${run.delivered}/${run.expected} delivered ` +
				`(${sum(reports, (r) => r.merged)} seen only merged into a later one), ` +
				`${sum(reports, (r) => r.closes)} connections closed under clients, ` +
				`load average ${loadAverage()}`
		);
		return run;
	} finally {
		await Promise.all(workers.map((worker) => worker.close()));
		await server.stop();
		boards.remove();
	}
}
