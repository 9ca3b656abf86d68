/**
 * Entry of the stock y-websocket server (`@y/websocket-server` 0.1.1, in memory: YPERSISTENCE is
 * not set) as a benchmark child process. Its own bin prints the port it was asked for, not the
 * one bound, so this hosts `setupWSConnection` the way the bin does, on 127.0.0.1 and port PORT
 * (0 for any), and prints `listening PORT` and, on SIGUSR2, its status line (server-status.ts) like our
 * server's entry (server-process.ts).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { docs, setupWSConnection } from '@y/websocket-server/utils';
import { watchLoopDelay } from './loop-delay.ts';
import { statusLine } from './server-status.ts';

const server = http.createServer((_request, response) => {
	response.writeHead(200, { 'content-type': 'text/plain' }).end('okay');
});
const wss = new WebSocketServer({ noServer: true });
wss.on('connection', setupWSConnection);
server.on('upgrade', (request, socket, head) => {
	wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
	console.log(`listening ${(server.address() as AddressInfo).port}`);
});

const loopDelay = watchLoopDelay();
process.on('SIGUSR2', () => {
	console.log(statusLine(docs.values(), loopDelay()));
});
process.on('SIGTERM', () => process.exit(0));
