/**
 * The compaction worker's code (compactor-worker.ts) as one plain-JavaScript module, for a
 * worker thread. A worker does not share the process's TypeScript loader, and registering tsx
 * in it starts a module-hooks thread of its own: 36 MiB of RSS, against 13 MiB for the worker's
 * own work. So the worker's files are bundled once per process with esbuild (which tsx itself
 * runs on), its packages left as imports, into the project's `node_modules/.cache`, from where
 * those imports resolve as they do for the server.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { threadId } from 'node:worker_threads';
import { buildSync } from 'esbuild';

const ENTRY = fileURLToPath(new URL('./compactor-worker.ts', import.meta.url));
const CACHE_DIR = path.resolve(path.dirname(ENTRY), '../../node_modules/.cache/pillarboard');

let built: URL | null = null;

/** Options that load a module before the program, written as `--import X` or `--import=X`. */
const PRELOAD_OPTIONS = ['--import', '--require', '-r'];

/** Whether a preload is the tsx loader, in any of the ways it can be named. */
function isTsx(specifier: string): boolean {
	// By name (`--import tsx`), or by path, as the tsx command passes its loader.
	return (
		specifier === 'tsx' || specifier.startsWith('tsx/') || specifier.includes('/node_modules/tsx/')
	);
}

/**
 * The process's preloads for the worker, without the tsx loader, which its plain JavaScript does
 * not need (its hooks thread is what the bundle saves); other preloads (a test's) still run.
 * Nothing else is passed on: a worker refuses process-wide options such as `--expose-gc`.
 */
export function compactorExecArgv(execArgv = process.execArgv): string[] {
	const kept: string[] = [];
	for (let i = 0; i < execArgv.length; i++) {
		const option = execArgv[i];
		const [name, inline] = option.split(/=(.*)/s, 2);
		if (!PRELOAD_OPTIONS.includes(name)) continue;
		const specifier = inline ?? execArgv[++i];
		if (specifier !== undefined && !isTsx(specifier)) kept.push(name, specifier);
	}
	return kept;
}

/** The worker's module, for `new Worker(url)`; built on first use. */
export function compactorModuleUrl(): URL {
	if (built) return built;
	const { outputFiles } = buildSync({
		entryPoints: [ENTRY],
		bundle: true,
		packages: 'external',
		format: 'esm',
		platform: 'node',
		target: 'node20',
		write: false
	});
	const code = outputFiles[0].contents;
	// Named by content: processes of one checkout share the file, and never see a half-written one.
	const hash = createHash('sha256').update(code).digest('hex').slice(0, 16);
	const file = path.join(CACHE_DIR, `compactor-worker-${hash}.mjs`);
	if (!fs.existsSync(file)) {
		fs.mkdirSync(CACHE_DIR, { recursive: true });
		const partial = `${file}.${process.pid}-${threadId}-${randomBytes(4).toString('hex')}.tmp`;
		fs.writeFileSync(partial, code);
		fs.renameSync(partial, file);
	}
	built = pathToFileURL(file);
	return built;
}
