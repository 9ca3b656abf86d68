/** Messages between the sync server and its compaction worker (compactor.ts, compactor-worker.ts). */

export type CompactorRequest =
	{ type: 'compact'; workshopId: string; upToId: number } | { type: 'checkpoint' };

export type CompactorReply =
	| { workshopId: string; ok: true; ms: number; bytes: number | null }
	| { workshopId: string; ok: false; error: string };

/** What the worker is started with. */
export interface CompactorWorkerData {
	databasePath: string;
}
