/**
 * A server child process that can be killed and started again on the same port, so that stock
 * clients, which keep their URL, reconnect to it by themselves.
 */
import fs from 'node:fs';
import net from 'node:net';
import { spawnServer, type ChildServer } from './child-server.ts';

/** Linux's default when the ephemeral range cannot be read. */
const DEFAULT_EPHEMERAL_START = 32_768;
/** How far below the ephemeral range to look for a port. */
const SEARCH_SPAN = 10_000;

/** First port of the range the OS hands out for outgoing connections. */
function ephemeralRangeStart(): number {
	try {
		const [start] = fs.readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').split(/\s+/);
		return Number(start) || DEFAULT_EPHEMERAL_START;
	} catch {
		return DEFAULT_EPHEMERAL_START;
	}
}

function isFree(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const probe = net.createServer();
		probe.once('error', () => resolve(false));
		probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
	});
}

/**
 * A free port below the ephemeral range. A port from the ephemeral range (what port 0 gives)
 * can be taken, while the server is down, by the local end of an outgoing connection, even by
 * one of our own clients connecting to it (a TCP self-connect), and the restart would fail.
 */
export async function findRestartablePort(): Promise<number> {
	const end = Math.max(ephemeralRangeStart(), 1024 + SEARCH_SPAN);
	for (let attempt = 0; attempt < 100; attempt++) {
		const port = end - 1 - Math.floor(Math.random() * SEARCH_SPAN);
		if (await isFree(port)) return port;
	}
	throw new Error('No free port found below the ephemeral range.');
}

/**
 * Starts a server on exactly `port`, trying again while the port is still held (a killed
 * process's socket can take a moment to be released), until `timeoutMs` has passed.
 */
export async function spawnServerOnPort(
	databasePath: string,
	port: number,
	timeoutMs = 15_000
): Promise<ChildServer> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		try {
			return await spawnServer(databasePath, port);
		} catch (error) {
			if (Date.now() > deadline) throw error;
		}
	}
}
