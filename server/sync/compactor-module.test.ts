import { describe, expect, it } from 'vitest';
import { compactorExecArgv } from './compactor-module.ts';

describe("the compaction worker's Node options", () => {
	it('leave out the tsx loader however it is written, and keep every other option', () => {
		expect(
			compactorExecArgv([
				'--import',
				'tsx',
				'--import=tsx/esm',
				'--import',
				'/tests/helpers/compaction-crash-preload.js',
				'--max-old-space-size=512'
			])
		).toEqual([
			'--import',
			'/tests/helpers/compaction-crash-preload.js',
			'--max-old-space-size=512'
		]);
	});

	it('keep a preload that only has tsx in its path', () => {
		expect(compactorExecArgv(['--import', './tsx-helpers/preload.js'])).toEqual([
			'--import',
			'./tsx-helpers/preload.js'
		]);
	});
});
