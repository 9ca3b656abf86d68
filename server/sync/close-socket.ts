/** Closing a WebSocket we no longer want to hear from, without waiting long for the peer. */
import type { WebSocket } from 'ws';
import { CLOSE_HANDSHAKE_TIMEOUT_MS } from './limits.ts';

/**
 * Sends a close frame with `code` and `reason`, and drops the connection if the peer has not
 * completed the closing handshake within CLOSE_HANDSHAKE_TIMEOUT_MS (`ws` would wait 30 s, all the
 * while reading whatever the peer keeps sending).
 */
export function closeSocket(socket: WebSocket, code: number, reason: string): void {
	socket.close(code, reason);
	const timer = setTimeout(() => socket.terminate(), CLOSE_HANDSHAKE_TIMEOUT_MS);
	timer.unref();
	socket.once('close', () => clearTimeout(timer));
}
