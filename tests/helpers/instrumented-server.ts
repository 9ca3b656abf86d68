/**
 * A server child process that reports measurements (instrumented-server-process.ts): for tests
 * that must know what the server itself went through, apart from the test's own work.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ENTRY = fileURLToPath(new URL('./instrumented-server-process.ts', import.meta.url));

/** One of the slowest frames a server handled, and what it was. */
export interface SlowFrame {
	/** As ServerStats.maxHandlerBlockingMs, for this frame. */
	blockingMs: number;
	/** Message type, and subtype for sync messages ("0/2": a sync update). */
	kind: string;
	bytes: number;
	rejected: boolean;
}

/** What the server process has measured since it started. */
export interface ServerStats {
	/** Frames the rooms have handled, and how many of those closed their connection. */
	handled: number;
	rejected: number;
	/** The longest any one frame's handler took (wall clock), and all of them together. */
	maxHandlerMs: number;
	/** The most CPU time the server's main thread used during one frame's handler. */
	maxHandlerCpuMs: number;
	/**
	 * The longest one frame's handler held the event loop: for each frame the smaller of its
	 * wall-clock time (inflated when the OS runs other processes) and the main thread's CPU time
	 * meanwhile (threadCpuMs; the whole process's where a thread's own cannot be read).
	 */
	maxHandlerBlockingMs: number;
	totalHandlerMs: number;
	/** The slowest frames, slowest first. */
	slowestFrames: SlowFrame[];
	/** Compactions of the update log into a snapshot: how many, the slowest, the largest snapshot. */
	compactions: { count: number; maxMs: number; maxBytes: number };
	/** Bytes of updates the loaded boards hold back, waiting for what they build on. */
	pendingBytes: number;
	/** The event loop's worst and 99th-percentile delay (10 ms resolution). */
	maxEventLoopDelayMs: number;
	p99EventLoopDelayMs: number;
	/** The longest garbage collection pause. */
	maxGcPauseMs: number;
	/** CPU time the process has used (user and system). */
	cpuMs: number;
	rssBytes: number;
	heapUsedBytes: number;
	/** Memory outside the JS heap: Buffers and other ArrayBuffers. */
	externalBytes: number;
	/** TCP connections the HTTP server holds, upgraded and refused ones included. */
	openSockets: number;
}

export interface InstrumentedServer {
	process: ChildProcess;
	port: number;
	syncUrl: string;
	/** Asks for the current figures, after a garbage collection if `collectGarbage`. */
	stats(options?: { collectGarbage?: boolean }): Promise<ServerStats>;
	/** SIGTERM (a clean shutdown); resolves when the process has exited. */
	stop(): Promise<void>;
}

/** Starts an instrumented server on a database file and waits until it listens. */
export function spawnInstrumentedServer(databasePath: string): Promise<InstrumentedServer> {
	const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', ENTRY], {
		env: { ...process.env, DATABASE_PATH: databasePath, PORT: '0' },
		stdio: ['ignore', 'pipe', 'inherit', 'ipc']
	});
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	const waiting = new Map<number, (stats: ServerStats) => void>();
	let nextId = 0;
	child.on('message', (reply: { id: number; stats: ServerStats }) => {
		waiting.get(reply.id)?.(reply.stats);
		waiting.delete(reply.id);
	});
	return new Promise((resolve, reject) => {
		let output = '';
		child.stdout!.on('data', (chunk: Buffer) => {
			output += chunk.toString();
			const match = /listening (\d+)/.exec(output);
			if (!match) return;
			const port = Number(match[1]);
			resolve({
				process: child,
				port,
				syncUrl: `ws://127.0.0.1:${port}/sync`,
				stats(options = {}) {
					const id = nextId++;
					return new Promise((answer) => {
						waiting.set(id, answer);
						child.send({ id, collectGarbage: options.collectGarbage ?? false });
					});
				},
				async stop() {
					if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
					await exited;
				}
			});
		});
		void exited.then(() => reject(new Error(`server process exited early (${child.exitCode})`)));
	});
}
