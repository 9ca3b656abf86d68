/**
 * Starting the servers under test in child processes of their own, so that each one's memory and
 * CPU can be read from /proc without the clients' or the harness's mixed in.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LoopDelay } from './loop-delay.ts';

export type ServerKind = 'ours' | 'stock';

const ENTRIES: Record<ServerKind, string> = {
	ours: fileURLToPath(new URL('./server-process.ts', import.meta.url)),
	stock: fileURLToPath(new URL('./stock-server-process.ts', import.meta.url))
};

/** How long a server may take to start, and to stop after SIGTERM before it is killed. */
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;
/** What a server entry prints on SIGUSR2 (statusLine in server-status.ts). */
const STATUS_LINE = /^rooms (\d+) delay ([\d.]+) ([\d.]+) heap ([\d.]+) documents ([\d.]+)$/;

export interface ServerStatus {
	rooms: number;
	loopDelay: LoopDelay;
	/** JS heap in use, MiB: after a full garbage collection if the server measures its heap. */
	heapMib: number;
	/** The loaded boards' documents, encoded (what they hold, history included), KiB. */
	documentsKib: number;
}

export interface BenchServer {
	kind: ServerKind;
	pid: number;
	/** The serverUrl a y-websocket client takes; the room name (board id) is appended to it. */
	syncUrl: string;
	/**
	 * Asks the process (SIGUSR2) how many boards it holds in memory, their size, its heap and its
	 * event-loop delay since the previous ask.
	 */
	status(): Promise<ServerStatus>;
	/** How many boards the process holds in memory. */
	roomsLoaded(): Promise<number>;
	/** SIGTERM, then SIGKILL if it has not exited in time; resolves once it has exited. */
	stop(): Promise<void>;
}

/**
 * Starts a server of the given kind on a free loopback port; ours needs its database file.
 * `profileDir` runs it under --cpu-prof, writing a .cpuprofile there when it stops;
 * `measureHeap` makes it collect garbage before each status, so its heap figure is what is live
 * (a full collection stalls it: not for latency runs).
 */
export function startBenchServer(
	kind: ServerKind,
	options: { databasePath?: string; profileDir?: string; measureHeap?: boolean } = {}
): Promise<BenchServer> {
	const { databasePath, profileDir, measureHeap = false } = options;
	const profiling = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
	const gc = measureHeap ? ['--expose-gc'] : [];
	const args = [...profiling, ...gc, '--import', 'tsx', ENTRIES[kind]];
	const child: ChildProcess = spawn(process.execPath, args, {
		env: { ...process.env, PORT: '0', DATABASE_PATH: databasePath ?? '' },
		stdio: ['ignore', 'pipe', 'inherit']
	});
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	const statusAnswers: ((status: ServerStatus) => void)[] = [];
	let buffered = '';

	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`${kind} server did not start within ${START_TIMEOUT_MS} ms`));
		}, START_TIMEOUT_MS);
		void exited.then(() => reject(new Error(`${kind} server exited before listening`)));
		child.stdout!.on('data', (chunk: Buffer) => {
			buffered += chunk.toString();
			const lines = buffered.split('\n');
			buffered = lines.pop()!;
			for (const line of lines) {
				const listening = /^listening (\d+)$/.exec(line);
				const status = STATUS_LINE.exec(line);
				if (listening) {
					clearTimeout(timer);
					resolve(server(Number(listening[1])));
				} else if (status) {
					const [rooms, p99Ms, maxMs, heapMib, documentsKib] = status.slice(1).map(Number);
					statusAnswers.shift()?.({ rooms, loopDelay: { p99Ms, maxMs }, heapMib, documentsKib });
				} else if (line.trim() !== '') {
					process.stderr.write(`[${kind} server] ${line}\n`);
				}
			}
		});
	});

	function server(port: number): BenchServer {
		return {
			kind,
			pid: child.pid!,
			syncUrl: `ws://127.0.0.1:${port}/sync`,
			status() {
				return new Promise((resolve) => {
					statusAnswers.push(resolve);
					child.kill('SIGUSR2');
				});
			},
			async roomsLoaded() {
				return (await this.status()).rooms;
			},
			async stop() {
				if (child.exitCode !== null || child.signalCode !== null) return;
				const killer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
				child.kill('SIGTERM');
				await exited;
				clearTimeout(killer);
			}
		};
	}
}
