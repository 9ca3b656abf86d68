/** Running the server in a child process, so that tests can kill it like a crash would. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ENTRY = fileURLToPath(new URL('./server-process.ts', import.meta.url));

export interface ChildServer {
	process: ChildProcess;
	port: number;
	syncUrl: string;
	/** Resolves when the process has exited. */
	exited: Promise<number | null>;
}

/** Starts a server process on a database file (port 0 unless given) and waits until it listens. */
export function spawnServer(databasePath: string, port = 0): Promise<ChildServer> {
	const child = spawn(process.execPath, ['--import', 'tsx', ENTRY], {
		env: { ...process.env, DATABASE_PATH: databasePath, PORT: String(port) },
		stdio: ['ignore', 'pipe', 'inherit']
	});
	const exited = new Promise<number | null>((resolve) =>
		child.once('exit', (code) => resolve(code))
	);
	return new Promise((resolve, reject) => {
		let output = '';
		child.stdout!.on('data', (chunk: Buffer) => {
			output += chunk.toString();
			const match = /listening (\d+)/.exec(output);
			if (match) {
				const listeningPort = Number(match[1]);
				resolve({
					process: child,
					port: listeningPort,
					syncUrl: `ws://127.0.0.1:${listeningPort}/sync`,
					exited
				});
			}
		});
		void exited.then((code) => reject(new Error(`server process exited early (${code})`)));
	});
}
