/**
 * The compaction worker's code (compactor-worker.ts) as one plain-JavaScript module, for a
 * worker thread. A worker does not share the process's TypeScript loader, and registering tsx
 * in it starts a module-hooks thread of its own: 36 MiB of RSS, against 13 MiB for the worker's
 * own work. So the worker's files are bundled once per process with esbuild (which tsx itself
 * runs on), its packages left as imports, into the project's `node_modules/.cache`, from where
 * those imports resolve as they do for the server.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildSync } from 'esbuild';

const ENTRY = fileURLToPath(new URL('./compactor-worker.ts', import.meta.url));
const CACHE_DIR = path.resolve(path.dirname(ENTRY), '../../node_modules/.cache/pillarboard');

let built: URL | null = null;

/** Whether an `--import` names the tsx loader, in any of the ways it can be written. */
function isTsxImport(specifier: string): boolean {
	return specifier === 'tsx' || specifier.startsWith('tsx/');
}

/**
 * The process's Node options for the worker, without the tsx loader, which its plain JavaScript
 * does not need (and whose hooks thread is what the bundle saves); other preloads still run.
 */
export function compactorExecArgv(execArgv = process.execArgv): string[] {
	const kept: string[] = [];
	for (let i = 0; i < execArgv.length; i++) {
		const option = execArgv[i];
		if (option === '--import' && isTsxImport(execArgv[i + 1] ?? '')) i++;
		else if (!(option.startsWith('--import=') && isTsxImport(option.slice('--import='.length)))) {
			kept.push(option);
		}
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
		const partial = `${file}.${process.pid}.tmp`;
		fs.writeFileSync(partial, code);
		fs.renameSync(partial, file);
	}
	built = pathToFileURL(file);
	return built;
}
