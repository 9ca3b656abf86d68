import type { LoopDelay } from './loop-delay.ts';

/**
 * What the benchmark harness and its client worker processes say to each other (over the fork
 * IPC channel, with the structured-clone serialization so that typed arrays pass whole), and the
 * card text that carries each edit's identity and send time from one client to the others.
 */

/** One simulated person: a stock y-websocket client on one board. */
export interface ClientPlan {
	/** Unique across the run, e.g. `c17`; also the editor's mark in its card's text. */
	key: string;
	/** Board (workshop) id, the y-websocket room name. */
	board: string;
	/** Sent as `Authorization: Bearer` (our server); null sends no credentials (stock server). */
	apiToken: string | null;
	/** The card this client edits, or null for a client that only reads. */
	cardId: string | null;
}

/** Each editor's last edit number, by client key, grouped by board id. */
export type FinalSeqs = Record<string, Record<string, number>>;

export type ToWorker =
	| {
			type: 'join';
			syncUrl: string;
			clients: ClientPlan[];
			seeds: Record<string, Uint8Array>;
			/** How many clients may be connecting at once. */
			concurrency: number;
			/**
			 * Whether clients announce presence (awareness), as the stock client does by default:
			 * it renews its state every 15 s and sends back every state it receives.
			 */
			presence: boolean;
			timeoutMs: number;
	  }
	/**
	 * Every local editor, and any that joins before `until`, edits once per interval (at a random
	 * phase) from startAt until `until`; the reply comes when the period is over.
	 */
	| { type: 'edit'; startAt: number; until: number; intervalMs: number }
	/** Waits (bounded) until every client has seen every editor's final edit, then reports. */
	| { type: 'settle'; finalSeqs: FinalSeqs; timeoutMs: number }
	/** Reports the latencies seen so far and starts a fresh sample (for per-minute figures). */
	| { type: 'sample' }
	| { type: 'leave'; keys: string[] | 'all' }
	| { type: 'exit' };

export interface DeliveryReport {
	/** Arrival latency of every edit observed one by one, in ms (send clock to arrival clock). */
	latencies: Float64Array;
	/** Edits that reached a client other than their editor, counted by edit number. */
	delivered: number;
	/** Edits that should have reached one: per client, every other editor's edits on its board. */
	expected: number;
	/** Edits that arrived merged with a later one (seen only through it): delivered, no latency. */
	merged: number;
	/** Wall-clock time of the last arrival (ms since the epoch). */
	lastArrival: number;
	/** Connections the clients saw closed under them (any close, before they left). */
	closes: number;
	/** This worker's event-loop delay since editing began: time its clients were kept waiting. */
	loopDelay: LoopDelay;
}

export type FromWorker =
	| { type: 'joined'; joined: number; failed: number }
	| { type: 'edited'; finalSeqs: FinalSeqs }
	| { type: 'settled'; report: DeliveryReport }
	| { type: 'sampled'; latencies: Float64Array; closes: number }
	| { type: 'left'; left: number };

/** The text of an editor's card after its `seq`-th edit, sent at `sentAt` (ms since the epoch). */
export function cardText(key: string, seq: number, sentAt: number): string {
	return `${key}#${seq}@${sentAt.toFixed(3)}`;
}

/** Reads a card text back; null for any other text. */
export function parseCardText(text: string): { key: string; seq: number; sentAt: number } | null {
	const match = /^(\w+)#(\d+)@([\d.]+)$/.exec(text);
	return match ? { key: match[1], seq: Number(match[2]), sentAt: Number(match[3]) } : null;
}
