/**
 * The harness side of the client workers: forks them, hands each its share of the clients, and
 * turns their IPC replies into promises. Clients live outside the measuring process so that
 * their load does not sit in it.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ClientPlan, FinalSeqs, FromWorker, ToWorker } from './worker-protocol.ts';

const ENTRY = fileURLToPath(new URL('./client-worker.ts', import.meta.url));

type Reply<T extends FromWorker['type']> = Extract<FromWorker, { type: T }>;

export class ClientWorker {
	readonly process: ChildProcess;
	readonly #waiting = new Map<FromWorker['type'], ((message: FromWorker) => void)[]>();
	readonly exited: Promise<void>;

	constructor() {
		this.process = fork(ENTRY, [], {
			execArgv: ['--import', 'tsx'],
			serialization: 'advanced',
			stdio: ['ignore', 'inherit', 'inherit', 'ipc']
		});
		this.exited = new Promise((resolve) => this.process.once('exit', () => resolve()));
		this.process.on('message', (message: FromWorker) => {
			this.#waiting.get(message.type)?.shift()?.(message);
		});
	}

	/** Sends a command and resolves with the worker's next reply of the given type. */
	ask<T extends FromWorker['type']>(message: ToWorker, replyType: T): Promise<Reply<T>> {
		return new Promise((resolve, reject) => {
			const queue = this.#waiting.get(replyType) ?? [];
			queue.push((reply) => resolve(reply as Reply<T>));
			this.#waiting.set(replyType, queue);
			void this.exited.then(() =>
				reject(new Error(`a client worker exited before '${replyType}'`))
			);
			this.process.send(message);
		});
	}

	/** Asks the worker to disconnect its clients and exit; kills it if it does not in time. */
	async close(timeoutMs = 10_000): Promise<void> {
		if (this.process.exitCode !== null || this.process.signalCode !== null) return;
		const killer = setTimeout(() => this.process.kill('SIGKILL'), timeoutMs);
		this.process.send({ type: 'exit' } satisfies ToWorker);
		await this.exited;
		clearTimeout(killer);
	}
}

/** Starts `count` workers. */
export function startWorkers(count: number): ClientWorker[] {
	return Array.from({ length: count }, () => new ClientWorker());
}

/** Deals clients out to workers round-robin, so each board's clients spread over all of them. */
export function dealClients(clients: ClientPlan[], workerCount: number): ClientPlan[][] {
	const shares: ClientPlan[][] = Array.from({ length: workerCount }, () => []);
	clients.forEach((client, i) => shares[i % workerCount].push(client));
	return shares;
}

/** Merges the workers' per-board edit counts into one. */
export function mergeFinalSeqs(parts: FinalSeqs[]): FinalSeqs {
	const merged: FinalSeqs = {};
	for (const part of parts) {
		for (const [board, seqs] of Object.entries(part)) Object.assign((merged[board] ??= {}), seqs);
	}
	return merged;
}
