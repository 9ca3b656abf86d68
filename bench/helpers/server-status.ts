/**
 * The line a benchmark server entry prints on SIGUSR2, parsed by servers.ts: the boards it holds,
 * its event-loop delay since the previous line, its heap, and the size of its documents.
 */
import * as Y from 'yjs';
import { MIB } from './stats.ts';
import type { LoopDelay } from './loop-delay.ts';

/**
 * `rooms N delay P99 MAX heap MIB documents KIB`. With --expose-gc the heap is measured after a
 * full collection (what is live); without, it is whatever is in use at that moment.
 */
export function statusLine(docs: Iterable<Y.Doc>, loopDelay: LoopDelay): string {
	const collect = (globalThis as { gc?: () => void }).gc;
	collect?.();
	const list = [...docs];
	const documentBytes = list.reduce((sum, doc) => sum + Y.encodeStateAsUpdate(doc).length, 0);
	const heapMib = process.memoryUsage().heapUsed / MIB;
	return (
		`rooms ${list.length} delay ${loopDelay.p99Ms} ${loopDelay.maxMs} ` +
		`heap ${heapMib.toFixed(1)} documents ${(documentBytes / 1024).toFixed(0)}`
	);
}
