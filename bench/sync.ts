/**
 * `npm run bench:sync`: our sync server against the stock y-websocket server, driven by the same
 * stock y-websocket clients. For each scenario and each server in turn: a fresh server process,
 * clients in worker processes, every editor making one small card-text edit per interval for a
 * fixed time; every other client on the board records each edit's arrival latency. Prints one
 * Markdown table. Loopback only; bounded in time; stops by itself.
 *
 * Usage: npm run bench:sync [-- --scenario 50|500|2000 ...] [--duration 25] [--rounds 1]
 *        [--server ours|stock ...] [--interval MS] [--presence on|off] [--profile DIR]
 * --rounds N runs each scenario N times per server, alternating which server goes first, and
 * pools the measures; --interval and --presence override the scenario's edit interval per
 * editor and presence; --profile DIR runs each server under --cpu-prof, profiles left in DIR.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import type { LoopDelay } from './helpers/loop-delay.ts';
import type { ServerKind } from './helpers/servers.ts';
import { fixed, loadAverage, percentile } from './helpers/stats.ts';
import { runScenario, type Run, type Scenario } from './helpers/sync-run.ts';
import { markdownTable } from './helpers/table.ts';

/**
 * The edit rates are what the clients on this 2-core machine can absorb: every update costs each
 * receiving client roughly 0.1 ms of Yjs work on a 500-editor board, so 500 editors at one edit
 * a second would ask the 500 clients for 250,000 applies a second. The 500-editor board runs
 * without presence: the stock client's presence alone (renewed every 15 s and echoed back by
 * every client) is some 33,000 messages a second there, more than the clients can process.
 */
const SCENARIOS: Record<string, Scenario> = {
	'50': {
		name: '50 editors, 1 board',
		layout: { boards: 1, clientsPerBoard: 50, editorsPerBoard: 50 },
		intervalMs: 1_000,
		presence: true,
		workers: 2
	},
	'500': {
		name: '500 editors, 1 board',
		layout: { boards: 1, clientsPerBoard: 500, editorsPerBoard: 500 },
		intervalMs: 60_000,
		presence: false,
		workers: 4
	},
	'2000': {
		name: '2,000 clients, 100 boards',
		layout: { boards: 100, clientsPerBoard: 20, editorsPerBoard: 5 },
		intervalMs: 10_000,
		presence: true,
		workers: 4
	}
};

/** The worst of several event-loop delays (p99 and maximum taken separately). */
function worstDelay(delays: LoopDelay[]): LoopDelay {
	return {
		p99Ms: Math.max(...delays.map((d) => d.p99Ms)),
		maxMs: Math.max(...delays.map((d) => d.maxMs))
	};
}

/** The runs of one scenario against one server, pooled: latencies together, counts summed. */
function pooled(runs: Run[]) {
	const latencies = new Float64Array(runs.reduce((n, r) => n + r.latencies.length, 0));
	let offset = 0;
	for (const run of runs) {
		latencies.set(run.latencies, offset);
		offset += run.latencies.length;
	}
	latencies.sort();
	const total = (value: (run: Run) => number) => runs.reduce((n, r) => n + value(r), 0);
	return {
		clients: runs[0].clients,
		failedJoins: total((r) => r.failedJoins),
		editsPerSecond: total((r) => r.edits) / (total((r) => r.durationMs) / 1000),
		p50: percentile(latencies, 50),
		p99: percentile(latencies, 99),
		max: latencies[latencies.length - 1] ?? Number.NaN,
		relayedPerSecond: total((r) => r.delivered) / total((r) => r.relaySeconds),
		delivered: total((r) => r.delivered) / total((r) => r.expected),
		serverCpu: total((r) => r.serverCpuSeconds) / total((r) => r.windowSeconds),
		clientCpu: total((r) => r.clientCpuSeconds) / total((r) => r.windowSeconds),
		endRssMib: Math.max(...runs.map((r) => r.endRssMib)),
		peakRssMib: Math.max(...runs.map((r) => r.peakRssMib)),
		serverLoop: worstDelay(runs.map((r) => r.serverLoopDelay)),
		clientLoop: worstDelay(runs.map((r) => r.clientLoopDelay))
	};
}

function ratio(ours: number, stock: number): string {
	return Number.isFinite(ours / stock) ? `${(ours / stock).toFixed(2)}×` : '–';
}

function printTable(runs: Run[]): void {
	const header = [
		'scenario',
		'server',
		'clients',
		'edits/s',
		'p50 ms',
		'p99 ms',
		'max ms',
		'relayed/s',
		'delivered',
		'server CPU',
		'server stall p99/max ms',
		'clients CPU',
		'clients stall p99/max ms',
		'RSS end MiB',
		'RSS peak MiB'
	];
	const stall = (delay: LoopDelay) => `${fixed(delay.p99Ms, 0)} / ${fixed(delay.maxMs, 0)}`;
	const percent = (share: number, decimals = 0) => `${fixed(share * 100, decimals)} %`;
	const rows: string[][] = [];
	for (const scenario of new Set(runs.map((r) => r.scenario))) {
		const label = scenario.presence ? scenario.name : `${scenario.name}, no presence`;
		const summaries = new Map<ServerKind, ReturnType<typeof pooled>>();
		for (const kind of ['ours', 'stock'] as const) {
			const mine = runs.filter((r) => r.scenario === scenario && r.kind === kind);
			if (mine.length === 0) continue;
			const s = pooled(mine);
			summaries.set(kind, s);
			rows.push([
				label,
				mine.length > 1 ? `${kind} (${mine.length} runs)` : kind,
				String(s.clients) + (s.failedJoins ? ` (${s.failedJoins} failed)` : ''),
				fixed(s.editsPerSecond, 0),
				fixed(s.p50),
				fixed(s.p99),
				fixed(s.max, 0),
				fixed(s.relayedPerSecond, 0),
				percent(s.delivered, 2),
				percent(s.serverCpu),
				stall(s.serverLoop),
				percent(s.clientCpu),
				stall(s.clientLoop),
				fixed(s.endRssMib, 0),
				fixed(s.peakRssMib, 0)
			]);
		}
		const ours = summaries.get('ours');
		const stock = summaries.get('stock');
		if (ours && stock) {
			rows.push([
				label,
				'**ours/stock**',
				'',
				'',
				ratio(ours.p50, stock.p50),
				`**${ratio(ours.p99, stock.p99)}**`,
				'',
				'',
				'',
				ratio(ours.serverCpu, stock.serverCpu),
				'',
				'',
				'',
				ratio(ours.endRssMib, stock.endRssMib),
				`**${ratio(ours.peakRssMib, stock.peakRssMib)}**`
			]);
		}
	}
	console.log(markdownTable(header, rows));
}

const { values } = parseArgs({
	options: {
		scenario: { type: 'string', multiple: true },
		duration: { type: 'string', default: '25' },
		rounds: { type: 'string', default: '1' },
		server: { type: 'string', multiple: true },
		interval: { type: 'string' },
		presence: { type: 'string' },
		profile: { type: 'string' }
	}
});
const names = values.scenario ?? Object.keys(SCENARIOS);
const kinds = (values.server ?? ['ours', 'stock']) as ServerKind[];
const durationMs = Number(values.duration) * 1000;
const rounds = Number(values.rounds);
for (const name of names) {
	if (!SCENARIOS[name]) throw new Error(`Unknown scenario "${name}": use 50, 500 or 2000.`);
}
for (const kind of kinds) {
	if (kind !== 'ours' && kind !== 'stock') throw new Error(`Unknown server "${kind}".`);
}
if (!(durationMs > 0)) throw new Error('--duration must be a number of seconds above 0.');
if (!(Number.isInteger(rounds) && rounds >= 1)) throw new Error('--rounds must be 1 or more.');
if (values.presence !== undefined && !['on', 'off'].includes(values.presence)) {
	throw new Error('--presence must be on or off.');
}

console.log(
	`bench:sync on ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), ` +
		`Node ${process.version}, ${new Date().toISOString()}, load average ${loadAverage()} at start`
);
const runs: Run[] = [];
for (const name of names) {
	const scenario: Scenario = {
		...SCENARIOS[name],
		...(values.interval ? { intervalMs: Number(values.interval) } : {}),
		...(values.presence ? { presence: values.presence === 'on' } : {})
	};
	const { boards, editorsPerBoard } = scenario.layout;
	console.log(
		`${scenario.name}: ${boards * editorsPerBoard} editors each edit every ` +
			`${scenario.intervalMs / 1000} s for ${durationMs / 1000} s; presence ` +
			`${scenario.presence ? 'on' : 'off'}; ${rounds} round(s)`
	);
	for (let round = 0; round < rounds; round++) {
		// Alternating the order keeps whatever drifts during a run from favouring one server.
		const order = round % 2 === 0 ? kinds : [...kinds].reverse();
		for (const kind of order) {
			runs.push(await runScenario(scenario, kind, { durationMs, profileDir: values.profile }));
		}
	}
}
console.log(`load average ${loadAverage()} at end\n`);
printTable(runs);
