import { describe, expect, it } from 'vitest';
import { compactorExecArgv } from './compactor-module.ts';

describe("the compaction worker's Node options", () => {
	it('keep the preloads but the tsx loader, however they are written', () => {
		expect(
			compactorExecArgv([
				'--import',
				'tsx',
				'--import=tsx/esm',
				'--import',
				'file:///srv/pillarboard/node_modules/tsx/dist/loader.mjs',
				'--import',
				'/tests/helpers/compaction-crash-preload.js',
				'--require=./trace.cjs'
			])
		).toEqual([
			'--import',
			'/tests/helpers/compaction-crash-preload.js',
			'--require',
			'./trace.cjs'
		]);
	});

	it('keep a preload that only has tsx in its path', () => {
		expect(compactorExecArgv(['--import', './tsx-helpers/preload.js'])).toEqual([
			'--import',
			'./tsx-helpers/preload.js'
		]);
	});

	it('leave out process-wide options, which a worker refuses', () => {
		expect(
			compactorExecArgv(['--expose-gc', '--max-old-space-size=512', '--import', 'tsx'])
		).toEqual([]);
	});
});
