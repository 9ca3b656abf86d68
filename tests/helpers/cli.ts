/** Running the real `pillarboard` CLI in a child process. */
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../server/cli/bin.js', import.meta.url));

export interface CliResult {
	status: number | null;
	stdout: string;
	stderr: string;
	/** The last non-empty line of stdout: where every command prints what it made. */
	lastLine: string;
}

/** Runs `pillarboard ...args` against a database file, with optional standard input. */
export function runCli(args: string[], databasePath: string, input?: string): CliResult {
	const result = spawnSync(process.execPath, [BIN, ...args], {
		env: { ...process.env, DATABASE_PATH: databasePath },
		input,
		encoding: 'utf8'
	});
	const lines = result.stdout.trim().split('\n');
	return {
		status: result.status,
		stdout: result.stdout,
		stderr: result.stderr,
		lastLine: lines[lines.length - 1] ?? ''
	};
}

/** Runs `pillarboard ...args` without blocking this process (so a server in it keeps serving). */
export function runCliAsync(args: string[], databasePath: string): Promise<CliResult> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [BIN, ...args], {
			env: { ...process.env, DATABASE_PATH: databasePath }
		});
		let stdout = '';
		let stderr = '';
		child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
		child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
		child.on('error', reject);
		child.on('close', (status) => {
			const lines = stdout.trim().split('\n');
			resolve({ status, stdout, stderr, lastLine: lines[lines.length - 1] ?? '' });
		});
	});
}
