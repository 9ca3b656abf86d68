/**
 * Connections the server closed for good. y-websocket does not reconnect after a close code from
 * 4400 to 4499, so such a client would silently stop syncing and a test would only time out;
 * watching for it lets the test fail at once and say why.
 */
import type { TestClient } from './clients.ts';

export class Refusals {
	readonly #seen: string[] = [];

	/** Starts recording the terminal closes of a client, under a name for the message. */
	watch(client: TestClient, name: string): void {
		client.provider.on('closed', ({ code, reason }) =>
			this.#seen.push(`${name}: ${code} ${reason}`)
		);
	}

	/** Throws if any watched client has been closed for good. */
	check(): void {
		if (this.#seen.length > 0) {
			throw new Error(`The server closed connections for good: ${this.#seen.join('; ')}`);
		}
	}
}
