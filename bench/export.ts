/**
 * `npm run bench:export`: how long each export format takes for a 500-action plan (target: under
 * 2 s each on the project's 2-core machine). Builds the export model once, as a download does,
 * then renders each format a few times and reports the median and the slowest run.
 */
import { buildBoardPicture } from '../src/lib/board/board-export.ts';
import { buildPlanExport } from '../src/lib/board/plan-export.ts';
import { EXPORT_FORMATS, renderExport } from '../src/lib/server/export/formats.ts';
import { samplePlanDoc } from '../src/lib/server/export/sample-plan.ts';

const ACTIONS = 500;
const RUNS = 3;
const TARGET_MS = 2_000;

const doc = samplePlanDoc(ACTIONS);
const modelStarted = performance.now();
const plan = buildPlanExport(doc, {
	workshop: { id: 'bench', date: '2026-11-23' },
	version: {
		kind: 'current',
		id: null,
		name: 'Current',
		savedAt: new Date().toISOString(),
		hash: null
	}
});
const board = buildBoardPicture(doc);
const modelMs = performance.now() - modelStarted;
console.log(`Export model of ${ACTIONS} actions: ${modelMs.toFixed(0)} ms`);

// One warm-up of everything, so module loading and font parsing are not counted.
for (const format of EXPORT_FORMATS) await renderExport(format, plan, board);

let failed = false;
console.log(`format  median ms  slowest ms  size`);
for (const format of EXPORT_FORMATS) {
	const times: number[] = [];
	let size = 0;
	for (let run = 0; run < RUNS; run++) {
		const started = performance.now();
		size = (await renderExport(format, plan, board)).length;
		times.push(performance.now() - started + modelMs);
	}
	times.sort((a, b) => a - b);
	const median = times[Math.floor(times.length / 2)];
	const slowest = times[times.length - 1];
	if (slowest > TARGET_MS) failed = true;
	console.log(
		`${format.padEnd(6)}  ${median.toFixed(0).padStart(9)}  ${slowest.toFixed(0).padStart(10)}  ${(size / 1024).toFixed(0)} KB${slowest > TARGET_MS ? '  OVER TARGET' : ''}`
	);
}
console.log(
	failed ? `Some formats took over ${TARGET_MS} ms.` : `Every format is under ${TARGET_MS} ms.`
);
process.exitCode = failed ? 1 : 0;
