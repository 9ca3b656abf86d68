/**
 * `pillarboard backup` and `pillarboard restore` against a real server and real stock clients:
 * a backup taken mid-edit is a sound database, and restore refuses to run under a live server.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { addAction, listActions } from '../../src/lib/board/actions.ts';
import { loadBoardDoc } from '../../src/lib/server/board-store.ts';
import { SqliteBoardStore } from '../../src/lib/server/board-store-sqlite.ts';
import { createDb } from '../../src/lib/server/db/index.ts';
import { holdServerLock } from '../../src/lib/server/db/server-lock.ts';
import { createTestWorkshop } from '../helpers/accounts.ts';
import { runCli, runCliAsync } from '../helpers/cli.ts';
import { connectClient, type TestClient } from '../helpers/clients.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { waitFor } from '../helpers/wait.ts';

let server: TestServer | undefined;
const clients: TestClient[] = [];

afterEach(async () => {
	for (const client of clients.splice(0)) client.destroy();
	await server?.close();
	server = undefined;
});

/** How many board updates were ever stored (compaction removes rows, not ids). */
function storedUpdates(file: string): number {
	const db = new Database(file, { readonly: true });
	try {
		const row = db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'board_updates'").get() as
			{ seq: number } | undefined;
		return row?.seq ?? 0;
	} finally {
		db.close();
	}
}

describe('pillarboard backup', () => {
	it('copies the database while stock clients edit through a real server, and the copy opens and passes PRAGMA integrity_check', async () => {
		server = await startTestServer();
		const { workshopId, facilitator, partner } = createTestWorkshop(server.database.db);
		for (const person of [facilitator, partner]) {
			const client = connectClient(server.syncUrl, workshopId, { apiToken: person.apiToken });
			clients.push(client);
			await client.synced;
		}
		// Both clients keep adding actions until the backup is done.
		let editing = true;
		let added = 0;
		const edits = (async () => {
			while (editing) {
				const client = clients[added % clients.length];
				addAction(client.doc, { pillar: 'spend', title: `Action ${added} – £${added}k` });
				added++;
				await new Promise((resolve) => setImmediate(resolve));
			}
		})();
		await waitFor(() => added >= 50, 'the first edits');
		const before = storedUpdates(server.database.file);
		const file = path.join(path.dirname(server.database.file), 'backup.db');
		const result = await runCliAsync(['backup', file], server.database.file);
		const after = storedUpdates(server.database.file);
		editing = false;
		await edits;

		expect(result.stderr).toBe('');
		expect(result.status).toBe(0);
		expect(result.lastLine).toBe(file);
		expect(after).toBeGreaterThan(before);

		const copy = new Database(file, { readonly: true });
		expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
		copy.close();
		const db = createDb(file);
		const { doc } = loadBoardDoc(new SqliteBoardStore(db), workshopId);
		const count = listActions(doc).length;
		expect(count).toBeGreaterThanOrEqual(50);
		expect(count).toBeLessThanOrEqual(added);
		doc.destroy();
		db.$client.close();
	});

	it('refuses to overwrite an existing file', async () => {
		server = await startTestServer();
		const file = path.join(path.dirname(server.database.file), 'taken.db');
		fs.writeFileSync(file, 'keep me');
		const result = runCli(['backup', file], server.database.file);
		expect(result.status).toBe(1);
		expect(result.stderr).toContain('already exists');
		expect(fs.readFileSync(file, 'utf8')).toBe('keep me');
	});
});

describe('pillarboard restore', () => {
	it('refuses while a server holds the database, then restores a backup once it has stopped, keeping the replaced database', async () => {
		server = await startTestServer();
		const { workshopId, facilitator } = createTestWorkshop(server.database.db);
		const dir = path.dirname(server.database.file);
		const backup = path.join(dir, 'before.db');
		expect(runCli(['backup', backup], server.database.file).status).toBe(0);

		// A change made after the backup, which the restore takes away.
		const client = connectClient(server.syncUrl, workshopId, { apiToken: facilitator.apiToken });
		clients.push(client);
		await client.synced;
		addAction(client.doc, { pillar: 'land', title: 'After the backup' });
		await waitFor(() => storedUpdates(server!.database.file) > 0, 'the edit to be stored');

		const lock = holdServerLock(server.database.file);
		const refused = runCli(['restore', backup], server.database.file);
		expect(refused.status).toBe(1);
		expect(refused.stderr).toContain('server is running');
		lock.release();

		client.destroy();
		clients.length = 0;
		await server.running.close();
		server.database.db.$client.close();
		const restored = runCli(['restore', backup], server.database.file);
		expect(restored.stderr).toBe('');
		expect(restored.status).toBe(0);
		const kept = /kept as (.+)\.$/.exec(restored.stdout.trim())?.[1];
		expect(kept && fs.existsSync(kept)).toBe(true);

		const db = createDb(server.database.file);
		const { doc } = loadBoardDoc(new SqliteBoardStore(db), workshopId);
		expect(listActions(doc).map((action) => action.title)).not.toContain('After the backup');
		doc.destroy();
		db.$client.close();
		fs.rmSync(dir, { recursive: true, force: true });
		server = undefined;
	});

	it('refuses a file that is not a Pillarboard database, changing nothing', async () => {
		server = await startTestServer();
		const dir = path.dirname(server.database.file);
		const junk = path.join(dir, 'junk.db');
		fs.writeFileSync(junk, 'not a database at all, just text');
		const other = path.join(dir, 'other.db');
		new Database(other).exec('CREATE TABLE t (x)');
		for (const file of [junk, other]) {
			const result = runCli(['restore', file], server.database.file);
			expect(result.status).toBe(1);
			expect(result.stderr).toContain('not a usable backup');
		}
	});
});
