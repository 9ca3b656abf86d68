/**
 * A client worker process: runs many stock y-websocket clients (tests/helpers/clients.ts, the
 * same code for both servers), makes their edits on command, and measures each edit's arrival
 * at every other client on its board. Driven by workers.ts over IPC (worker-protocol.ts).
 */
import * as Y from 'yjs';
import { setCardText } from '../../src/lib/board/cards.ts';
import { connectClient, type TestClient } from '../../tests/helpers/clients.ts';
import { EditTimetable } from './edit-timetable.ts';
import { watchLoopDelay } from './loop-delay.ts';
import { wallClockMs } from './stats.ts';
import {
	cardText,
	parseCardText,
	type ClientPlan,
	type DeliveryReport,
	type FinalSeqs,
	type FromWorker,
	type ToWorker
} from './worker-protocol.ts';

interface BenchClient {
	plan: ClientPlan;
	client: TestClient;
	/** Highest edit number seen from each other editor on the board. */
	seen: Map<string, number>;
	/** What `seen` held at the start of the current sample: earlier edits do not count. */
	baseline: Map<string, number>;
	/** Synced with the server: from then on every new edit that arrives is measured. */
	ready: boolean;
	left: boolean;
}

// Each y-websocket provider adds a process 'exit' listener; hundreds of clients live here.
process.setMaxListeners(0);

/** Closes logged per worker; the rest are only counted. */
const CLOSES_LOGGED = 5;

const clients = new Map<string, BenchClient>();
/** Each local editor's last edit number and board; kept when it leaves, so a rejoin continues. */
const editors = new Map<string, { board: string; seq: number }>();
let latencies: number[] = [];
let merged = 0;
let lastArrival = 0;
let closes = 0;
const loopDelay = watchLoopDelay();

function reply(message: FromWorker): void {
	process.send!(message);
}

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Records the edits a remote transaction brought, from the card texts it changed. */
function observe(bench: BenchClient, events: Y.YEvent<Y.AbstractType<unknown>>[]): void {
	const arrival = wallClockMs();
	for (const event of events) {
		if (!(event.target instanceof Y.Text)) continue;
		const edit = parseCardText(event.target.toString());
		if (!edit || edit.key === bench.plan.key) continue;
		const last = bench.seen.get(edit.key) ?? 0;
		if (edit.seq <= last) continue;
		bench.seen.set(edit.key, edit.seq);
		if (!bench.ready) continue;
		latencies.push(arrival - edit.sentAt);
		merged += edit.seq - last - 1;
		lastArrival = arrival;
	}
}

/** Connects one client (its document already holding the board's seed) and waits for its sync. */
async function joinOne(
	plan: ClientPlan,
	syncUrl: string,
	seed: Uint8Array,
	timeoutMs: number,
	presence: boolean
): Promise<void> {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, seed);
	const cards = doc.getMap<Y.Map<unknown>>('cards');
	const seen = new Map<string, number>();
	cards.forEach((card) => {
		const edit = parseCardText(String(card.get('text') ?? ''));
		if (edit) seen.set(edit.key, edit.seq);
	});
	const client = connectClient(
		syncUrl,
		plan.board,
		plan.apiToken ? { apiToken: plan.apiToken } : {},
		doc
	);
	// Set before the socket opens, so a client without presence never sends any.
	if (presence) client.provider.awareness.setLocalStateField('user', { name: plan.key });
	else client.provider.awareness.setLocalState(null);
	const bench: BenchClient = { plan, client, seen, baseline: seen, ready: false, left: false };
	clients.set(plan.key, bench);
	cards.observeDeep((events, transaction) => {
		if (!transaction.local) observe(bench, events);
	});
	client.provider.on('connection-close', (event) => {
		if (bench.left) return;
		closes++;
		// Telling (1013 too slow, 4xxx refused, local: no message for 30 s): say which, a few times.
		if (closes > CLOSES_LOGGED) return;
		const why = event ? `${event.code} ${event.reason}` : 'by the client (no message for 30 s)';
		const more = closes === CLOSES_LOGGED ? ' (further closes are counted, not logged)' : '';
		console.error(`[client ${plan.key}] connection closed: ${why}${more}`);
	});
	let timer: NodeJS.Timeout | undefined;
	const timedOut = new Promise<never>((_resolve, reject) => {
		timer = setTimeout(() => reject(new Error(`${plan.key} did not sync`)), timeoutMs);
	});
	try {
		await Promise.race([client.synced, timedOut]);
	} catch (error) {
		leaveOne(plan.key);
		throw error;
	} finally {
		clearTimeout(timer);
	}
	bench.baseline = new Map(bench.seen);
	bench.ready = true;
	if (plan.cardId && !editors.has(plan.key)) editors.set(plan.key, { board: plan.board, seq: 0 });
	scheduleEdits(bench);
}

function leaveOne(key: string): boolean {
	const bench = clients.get(key);
	if (!bench) return false;
	bench.left = true;
	bench.client.destroy();
	clients.delete(key);
	return true;
}

async function join(message: Extract<ToWorker, { type: 'join' }>): Promise<void> {
	const queue = [...message.clients];
	let joined = 0;
	let failed = 0;
	const lane = async () => {
		for (let plan = queue.shift(); plan; plan = queue.shift()) {
			try {
				const seed = message.seeds[plan.board];
				await joinOne(plan, message.syncUrl, seed, message.timeoutMs, message.presence);
				joined++;
			} catch {
				failed++;
			}
		}
	};
	await Promise.all(Array.from({ length: message.concurrency }, lane));
	reply({ type: 'joined', joined, failed });
}

function finalSeqs(): FinalSeqs {
	const result: FinalSeqs = {};
	for (const [key, { board, seq }] of editors) (result[board] ??= {})[key] = seq;
	return result;
}

/** The editing period in force, if any: clients that join during it start editing too. */
let timetable: EditTimetable | null = null;

/** Puts a ready editor on the timetable, if an editing period is on. */
function scheduleEdits(bench: BenchClient): void {
	if (!timetable || !bench.plan.cardId || !bench.ready) return;
	const edit = () => {
		const editor = editors.get(bench.plan.key)!;
		editor.seq++;
		const text = cardText(bench.plan.key, editor.seq, wallClockMs());
		setCardText(bench.client.doc, bench.plan.cardId!, text);
	};
	timetable.start(bench, edit, () => bench.left);
}

/** Starts an editing period for every local editor, present or joining later. */
function edit(period: Extract<ToWorker, { type: 'edit' }>): void {
	loopDelay();
	timetable = new EditTimetable(period, wallClockMs, () => {
		timetable = null;
		reply({ type: 'edited', finalSeqs: finalSeqs() });
	});
	for (const bench of clients.values()) scheduleEdits(bench);
}

/** How many of a client's edits (from other editors on its board) are still missing. */
function missing(bench: BenchClient, seqs: FinalSeqs): number {
	let count = 0;
	for (const [key, seq] of Object.entries(seqs[bench.plan.board] ?? {})) {
		if (key !== bench.plan.key) count += Math.max(0, seq - (bench.seen.get(key) ?? 0));
	}
	return count;
}

function takeLatencies(): Float64Array {
	const taken = Float64Array.from(latencies);
	latencies = [];
	return taken;
}

async function settle({ finalSeqs: seqs, timeoutMs }: Extract<ToWorker, { type: 'settle' }>) {
	const ready = () => [...clients.values()].filter((bench) => bench.ready);
	const deadline = Date.now() + timeoutMs;
	while (ready().some((bench) => missing(bench, seqs) > 0) && Date.now() < deadline) {
		await sleep(50);
	}
	let expected = 0;
	let delivered = 0;
	for (const bench of ready()) {
		for (const [key, seq] of Object.entries(seqs[bench.plan.board] ?? {})) {
			if (key === bench.plan.key) continue;
			const base = bench.baseline.get(key) ?? 0;
			expected += Math.max(0, seq - base);
			delivered += Math.max(0, Math.min(seq, bench.seen.get(key) ?? 0) - base);
		}
		bench.baseline = new Map(bench.seen);
	}
	const report: DeliveryReport = {
		latencies: takeLatencies(),
		delivered,
		expected,
		merged,
		lastArrival,
		closes,
		loopDelay: loopDelay()
	};
	merged = 0;
	reply({ type: 'settled', report });
}

process.on('message', (message: ToWorker) => {
	switch (message.type) {
		case 'join':
			void join(message);
			break;
		case 'edit':
			edit(message);
			break;
		case 'settle':
			void settle(message);
			break;
		case 'sample':
			reply({ type: 'sampled', latencies: takeLatencies(), closes });
			break;
		case 'leave': {
			const keys = message.keys === 'all' ? [...clients.keys()] : message.keys;
			reply({ type: 'left', left: keys.filter(leaveOne).length });
			break;
		}
		case 'exit':
			for (const key of [...clients.keys()]) leaveOne(key);
			process.exit(0);
	}
});
