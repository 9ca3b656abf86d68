/**
 * Loads one board in a fresh process and prints, as JSON, the heap and RSS its loaded document
 * holds: measured here, away from the benchmark's own garbage. Run with --expose-gc.
 * Arguments: DATABASE_FILE BOARD_ID.
 */
import { loadBoardDoc } from '../../src/lib/server/board-store.ts';
import { SqliteBoardStore } from '../../src/lib/server/board-store-sqlite.ts';
import { createDb } from '../../src/lib/server/db/index.ts';

const [file, boardId] = process.argv.slice(2);
const collect = globalThis.gc!;
const store = new SqliteBoardStore(createDb(file));
// No warm-up load: V8 does not reliably give a destroyed document back to one gc() call.
collect();
const before = process.memoryUsage();
const loaded = loadBoardDoc(store, boardId);
collect();
const after = process.memoryUsage();
console.log(
	JSON.stringify({
		heapBytes: after.heapUsed - before.heapUsed,
		rssBytes: after.rss - before.rss,
		cards: loaded.doc.getMap('cards').size
	})
);
