/**
 * `npm run bench:sync`: edit propagation through the real sync server (temp SQLite file, durable
 * append before relay) between stock y-websocket clients on one board. Prints figures; asserts
 * nothing. Usage: npm run bench:sync [-- --editors 2 --edits 500]
 */
import { parseArgs } from 'node:util';
import { addCard, setCardText } from '../src/lib/board/cards.ts';
import { createTestWorkshop } from '../tests/helpers/accounts.ts';
import { connectClient, type TestClient } from '../tests/helpers/clients.ts';
import { startTestServer } from '../tests/helpers/server.ts';
import { waitFor } from '../tests/helpers/wait.ts';

const { values } = parseArgs({
	options: { editors: { type: 'string', default: '2' }, edits: { type: 'string', default: '500' } }
});
const editors = Number(values.editors);
const edits = Number(values.edits);

/** Resolves on the next document update a client receives (no polling, so no added delay). */
function nextUpdate(client: TestClient): Promise<void> {
	return new Promise((resolve) => client.doc.once('update', () => resolve()));
}

function percentile(sorted: number[], p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const server = await startTestServer();
const workshop = createTestWorkshop(server.database.db);
const clients: TestClient[] = [];
for (let i = 0; i < editors; i++) {
	// The writer is a partner, so every edit passes the write policy.
	const person = i === 0 ? workshop.partner : workshop.facilitator;
	clients.push(connectClient(server.syncUrl, workshop.workshopId, { apiToken: person.apiToken }));
}
await Promise.all(clients.map((client) => client.synced));

const [writer, ...readers] = clients;
const cardId = addCard(writer.doc, { pillar: 'spend', text: '' });
await waitFor(() => readers.every((r) => r.doc.getMap('cards').has(cardId)), 'the card to arrive');

// One edit at a time: each latency is from the local edit to its arrival at every reader.
const latencies: number[] = [];
const started = performance.now();
for (let i = 0; i < edits; i++) {
	const text = `edit ${i}`;
	const arrived = Promise.all(readers.map((reader) => nextUpdate(reader)));
	const sent = performance.now();
	setCardText(writer.doc, cardId, text);
	await arrived;
	latencies.push(performance.now() - sent);
}
const elapsed = (performance.now() - started) / 1000;
latencies.sort((a, b) => a - b);

const rss = process.memoryUsage().rss / 1024 / 1024;
console.log(
	`Edit propagation through Pillarboard's sync server (${editors} clients, ${edits} edits)`
);
console.log(
	[
		`p50 ${percentile(latencies, 50).toFixed(2)} ms`,
		`p99 ${percentile(latencies, 99).toFixed(2)} ms`,
		`max ${latencies[latencies.length - 1].toFixed(2)} ms`,
		`${(edits / elapsed).toFixed(0)} sequential edits/s`,
		`process RSS ${rss.toFixed(0)} MiB`
	].join(' | ')
);

for (const client of clients) client.destroy();
await server.close();
