/** Messages between the sync server and its compaction worker (compactor.ts, compactor-worker.ts). */

export type CompactorRequest =
	{ type: 'compact'; id: number; workshopId: string; upToId: number } | { type: 'checkpoint' };

export type CompactorReply =
	| { id: number; ok: true; ms: number; bytes: number | null }
	| { id: number; ok: false; error: string };

/** What the worker is started with. */
export interface CompactorWorkerData {
	databasePath: string;
}
