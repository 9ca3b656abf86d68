/**
 * `npm run soak` (not in CI): our sync server for a long run under steady editing, with clients
 * leaving and rejoining and one board emptied now and then. Prints the server process's RSS, its
 * live heap (after a full collection) and the size of its documents every minute; at the end says
 * whether RSS and heap after warm-up stayed within 10 % and whether any room stayed loaded after
 * its clients left (asked of the server process itself, and of open_connections).
 *
 * Usage: npm run soak [-- --minutes 30 --clients 30 --boards 3 --interval 2000 --warmup 5]
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { prepareBoards } from './helpers/boards.ts';
import { startBenchServer, type BenchServer } from './helpers/servers.ts';
import { fixed, loadAverage, percentile, readRssMib, wallClockMs } from './helpers/stats.ts';
import { markdownTable } from './helpers/table.ts';
import { dealClients, mergeFinalSeqs, startWorkers, type ClientWorker } from './helpers/workers.ts';

const { values } = parseArgs({
	options: {
		minutes: { type: 'string', default: '30' },
		clients: { type: 'string', default: '30' },
		boards: { type: 'string', default: '3' },
		interval: { type: 'string', default: '2000' },
		warmup: { type: 'string', default: '5' }
	}
});
const MINUTES = Number(values.minutes);
const BOARDS = Number(values.boards);
const CLIENTS_PER_BOARD = Math.ceil(Number(values.clients) / BOARDS);
const INTERVAL_MS = Number(values.interval);
/** Minutes after which RSS is expected to hold steady (at most half the run). */
const WARMUP = Math.min(Number(values.warmup), Math.floor(MINUTES / 2));
const MINUTE_MS = 60_000;
/** One random client leaves this often, and comes back after REJOIN_AFTER_MS. */
const CHURN_EVERY_MS = 10_000;
const REJOIN_AFTER_MS = 5_000;
/** The last board is emptied in these minutes (every fifth, from the second) for this long. */
const EMPTY_BOARD_FOR_MS = 20_000;
const RSS_TOLERANCE = 0.1;
const WORKERS = 2;
const JOIN = { concurrency: 5, timeoutMs: 30_000, presence: true };

if (!(MINUTES >= 1) || !(BOARDS >= 1) || !(CLIENTS_PER_BOARD >= 2) || !(INTERVAL_MS > 0)) {
	throw new Error('Use at least 1 minute, 1 board, 2 clients per board and a positive interval.');
}

/** The range of a per-minute measure from the end of the warm-up on, against its value then. */
function afterWarmup(byMinute: number[]) {
	const baseline = byMinute[Math.max(0, WARMUP - 1)];
	const after = byMinute.slice(Math.max(0, WARMUP - 1));
	const high = Math.max(...after);
	const low = Math.min(...after);
	const steady = high <= baseline * (1 + RSS_TOLERANCE) && low >= baseline * (1 - RSS_TOLERANCE);
	return { baseline, high, low, steady };
}

/** Polls the server until it holds `expected` rooms, or gives up; returns ms taken or null. */
async function waitForRooms(server: BenchServer, expected: number, timeoutMs = 10_000) {
	const started = Date.now();
	while (Date.now() - started < timeoutMs) {
		if ((await server.roomsLoaded()) === expected) return Date.now() - started;
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	return null;
}

console.log(
	`soak on ${os.cpus().length} cores, Node ${process.version}, ${new Date().toISOString()}: ` +
		`${MINUTES} min, ${BOARDS * CLIENTS_PER_BOARD} clients on ${BOARDS} boards, each editing ` +
		`every ${INTERVAL_MS} ms; load average ${loadAverage()} at start`
);
const boards = prepareBoards('ours', {
	boards: BOARDS,
	clientsPerBoard: CLIENTS_PER_BOARD,
	editorsPerBoard: CLIENTS_PER_BOARD
});
const server = await startBenchServer('ours', {
	databasePath: boards.databasePath,
	measureHeap: true
});
const database = new Database(boards.databasePath!, { readonly: true });
const openConnections = () =>
	(database.prepare('select sum(open_connections) as n from memberships').get() as { n: number }).n;
const workers = startWorkers(WORKERS);
const shares = dealClients(boards.clients, WORKERS);
const workerOf = new Map<string, ClientWorker>();
shares.forEach((share, i) => share.forEach((plan) => workerOf.set(plan.key, workers[i])));

const present = new Set<string>();
const plans = new Map(boards.clients.map((plan) => [plan.key, plan]));
async function join(keys: string[]): Promise<void> {
	await Promise.all(
		workers.map(async (worker) => {
			const mine = keys.filter((key) => workerOf.get(key) === worker);
			if (mine.length === 0) return;
			const clients = mine.map((key) => plans.get(key)!);
			const reply = await worker.ask(
				{ type: 'join', syncUrl: server.syncUrl, clients, seeds: boards.seeds, ...JOIN },
				'joined'
			);
			if (reply.failed > 0) console.log(`  ${reply.failed} client(s) could not join`);
		})
	);
	for (const key of keys) present.add(key);
}
async function leave(keys: string[]): Promise<void> {
	for (const key of keys) present.delete(key);
	await Promise.all(
		workers.map((worker) => {
			const mine = keys.filter((key) => workerOf.get(key) === worker);
			return mine.length ? worker.ask({ type: 'leave', keys: mine }, 'left') : null;
		})
	);
}

const lastBoard = boards.clients.at(-1)!.board;
const lastBoardKeys = boards.clients.filter((c) => c.board === lastBoard).map((c) => c.key);
const unloadChecks: string[] = [];
let churned = 0;
let stopped = false;

try {
	await join(boards.clients.map((plan) => plan.key));
	const startAt = wallClockMs() + 500;
	const until = startAt + MINUTES * MINUTE_MS;
	const editing = Promise.all(
		workers.map((worker) =>
			worker.ask({ type: 'edit', startAt, until, intervalMs: INTERVAL_MS }, 'edited')
		)
	);

	// Churn: one client (not on the board that gets emptied) leaves, and rejoins a little later.
	const churn = async () => {
		while (!stopped) {
			await new Promise((resolve) => setTimeout(resolve, CHURN_EVERY_MS));
			if (stopped) break;
			const candidates = [...present].filter((key) => BOARDS === 1 || !lastBoardKeys.includes(key));
			const key: string | undefined = candidates[Math.floor(Math.random() * candidates.length)];
			if (!key) continue;
			await leave([key]);
			await new Promise((resolve) => setTimeout(resolve, REJOIN_AFTER_MS));
			await join([key]);
			churned++;
		}
	};
	const churning = churn();

	const rssByMinute: number[] = [];
	/** The server's live heap (after a full collection) each minute. */
	const heapByMinute: number[] = [];
	/** Connections closed under clients (cumulative per worker, so summed and differenced). */
	const closesSoFar = (samples: { closes: number }[]) =>
		samples.reduce((sum, s) => sum + s.closes, 0);
	let closesAtMinuteStart = 0;
	const minuteRows: string[][] = [];
	for (let minute = 1; minute <= MINUTES; minute++) {
		const minuteEnds = startAt + minute * MINUTE_MS;
		if (minute % 5 === 2 && BOARDS > 1) {
			// Everyone leaves the last board: its room must unload; they come back later.
			await leave(lastBoardKeys.filter((key) => present.has(key)));
			const ms = await waitForRooms(server, BOARDS - 1);
			unloadChecks.push(
				ms === null
					? `minute ${minute}: the emptied board's room was STILL LOADED after 10 s`
					: `minute ${minute}: the emptied board's room unloaded ${ms} ms after its clients left`
			);
			await new Promise((resolve) => setTimeout(resolve, EMPTY_BOARD_FOR_MS));
			await join(lastBoardKeys);
		}
		await new Promise((resolve) => setTimeout(resolve, Math.max(0, minuteEnds - wallClockMs())));
		const samples = await Promise.all(workers.map((w) => w.ask({ type: 'sample' }, 'sampled')));
		const latencies = Float64Array.from(samples.flatMap((s) => [...s.latencies])).sort();
		const rss = readRssMib(server.pid);
		rssByMinute.push(rss);
		const status = await server.status();
		heapByMinute.push(status.heapMib);
		const closesBefore = closesAtMinuteStart;
		closesAtMinuteStart = closesSoFar(samples);
		const cells = [
			String(minute),
			fixed(rss),
			fixed(status.heapMib),
			fixed(status.documentsKib, 0),
			String(status.rooms),
			String(present.size),
			String(openConnections()),
			String(latencies.length),
			fixed(percentile(latencies, 50)),
			fixed(percentile(latencies, 99)),
			String(closesSoFar(samples) - closesBefore),
			String(loadAverage())
		];
		minuteRows.push(cells);
		console.log(
			`minute ${minute}: RSS ${cells[1]} MiB, heap ${cells[2]} MiB, documents ${cells[3]} KiB, ` +
				`rooms ${cells[4]}, clients ${cells[5]}, open_connections ${cells[6]}, ` +
				`arrivals ${cells[7]}, p50 ${cells[8]} ms, p99 ${cells[9]} ms, closes ${cells[10]}, ` +
				`load ${cells[11]}`
		);
	}

	stopped = true;
	await churning;
	const finalSeqs = mergeFinalSeqs((await editing).map((e) => e.finalSeqs));
	const settled = await Promise.all(
		workers.map((w) => w.ask({ type: 'settle', finalSeqs, timeoutMs: 30_000 }, 'settled'))
	);
	const delivered = settled.reduce((sum, s) => sum + s.report.delivered, 0);
	const expected = settled.reduce((sum, s) => sum + s.report.expected, 0);

	await leave([...present]);
	const unloadedInMs = await waitForRooms(server, 0);
	const leftOpen = openConnections();

	const rss = afterWarmup(rssByMinute);
	const heap = afterWarmup(heapByMinute);

	console.log('');
	console.log(
		markdownTable(
			[
				'minute',
				'RSS MiB',
				'heap MiB',
				'documents KiB',
				'rooms',
				'clients',
				'open_connections',
				'arrivals',
				'p50 ms',
				'p99 ms',
				'closes',
				'load'
			],
			minuteRows
		)
	);
	console.log('');
	for (const line of unloadChecks) console.log(line);
	console.log(`${churned} leave-and-rejoin cycles besides the emptied board`);
	console.log(
		`Delivered at the end: ${delivered}/${expected} (${fixed((delivered / expected) * 100, 2)} %) ` +
			'of the edits made while each client was connected'
	);
	console.log(
		`RSS after warm-up (minute ${WARMUP}: ${fixed(rss.baseline)} MiB; then ` +
			`${fixed(rss.low)}–${fixed(rss.high)} MiB): ` +
			(rss.steady ? 'STAYED within 10 %' : 'did NOT stay within 10 %')
	);
	console.log(
		`Live heap after warm-up (minute ${WARMUP}: ${fixed(heap.baseline)} MiB; then ` +
			`${fixed(heap.low)}–${fixed(heap.high)} MiB): ` +
			(heap.steady ? 'STAYED within 10 %' : 'did NOT stay within 10 %')
	);
	console.log(
		unloadedInMs === null
			? `Rooms loaded after every client left: STILL ${await server.roomsLoaded()} after 10 s`
			: `Rooms loaded after every client left: none (all unloaded within ${unloadedInMs} ms); ` +
					`open_connections sum ${leftOpen}`
	);
} finally {
	stopped = true;
	await Promise.all(workers.map((worker) => worker.close()));
	await server.stop();
	database.close();
	boards.remove();
}
