/**
 * GET /workshops/<id>/export.<format> over the production build (run `npm run build` first), in
 * this process with a real server: API tokens and sessions, who may export, and clear refusals.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAction } from '../../src/lib/board/actions.ts';
import { SqliteBoardStore } from '../../src/lib/server/board-store-sqlite.ts';
import { editStoredBoard } from '../../src/lib/server/board-store.ts';
import { listAudit } from '../../src/lib/server/audit.ts';
import { saveNamedVersion } from '../../src/lib/server/versions.ts';
import { startServer, type RunningServer } from '../../server/app-server.ts';
import { loadAppHandler } from '../../server/serve.ts';
import { createTestWorkshop, type TestWorkshop } from '../helpers/accounts.ts';
import { headersFor } from '../helpers/clients.ts';
import { createTempDatabase, type TempDatabase } from '../helpers/database.ts';
import { readCsv } from '../helpers/read-exports.ts';

let database: TempDatabase;
let running: RunningServer;
let origin: string;
let workshop: TestWorkshop;

beforeAll(async () => {
	database = createTempDatabase();
	const handler = await loadAppHandler({
		databasePath: database.file,
		port: 0,
		host: '127.0.0.1',
		origin: null
	});
	running = await startServer({
		db: database.db,
		port: 0,
		host: '127.0.0.1',
		publicOrigin: null,
		handler
	});
	origin = `http://127.0.0.1:${running.port}`;
	workshop = createTestWorkshop(database.db, 'Cynllun Môn');
	editStoredBoard(new SqliteBoardStore(database.db), workshop.workshopId, (doc) => {
		addAction(doc, { ref: 'SP-01', pillar: 'spend', title: 'Prynu’n lleol – £2m' });
	});
});

afterAll(async () => {
	await running.close();
	database.remove();
});

function exportUrl(format: string, version?: string): string {
	const query = version ? `?version=${encodeURIComponent(version)}` : '';
	return `${origin}/workshops/${workshop.workshopId}/export.${format}${query}`;
}

describe('GET /workshops/<id>/export.<format>', () => {
	it('gives an observer with an API token the current plan as CSV, and audits it', async () => {
		const response = await fetch(exportUrl('csv'), {
			headers: headersFor({ apiToken: workshop.observer.apiToken })
		});
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		expect(response.headers.get('content-disposition')).toMatch(
			/^attachment; filename="cynllun-mon-plan-current-/
		);
		const rows = readCsv(await response.text());
		expect(rows.map((row) => row.Title)).toEqual(['Prynu’n lleol – £2m']);
		expect(listAudit(database.db, workshop.workshopId)[0].detail).toMatch(
			/^Exported the current plan as CSV/
		);
	});

	it('gives a signed-in member a saved version with its hash, and the agreed version only once there is one', async () => {
		const version = saveNamedVersion(database.db, new SqliteBoardStore(database.db), {
			workshopId: workshop.workshopId,
			name: 'Fersiwn 1',
			actor: { id: workshop.facilitator.id, name: workshop.facilitator.name }
		});
		const cookie = headersFor({ sessionToken: workshop.partner.sessionToken });
		const saved = await fetch(exportUrl('json', version.id), { headers: cookie });
		expect(saved.status).toBe(200);
		expect(saved.headers.get('x-pillarboard-version-hash')).toBe(version.contentHash);
		expect((await saved.json()).version).toMatchObject({ kind: 'version', name: 'Fersiwn 1' });
		const agreed = await fetch(exportUrl('pdf', 'agreed'), { headers: cookie });
		expect(agreed.status).toBe(404);
		expect(await agreed.text()).toContain('This plan has not been agreed yet.');
	});

	it('refuses strangers, people who are not members, and formats it does not make, with a sentence', async () => {
		const anonymous = await fetch(exportUrl('pdf'));
		expect(anonymous.status).toBe(401);
		const outsider = await fetch(exportUrl('pdf'), {
			headers: headersFor({ apiToken: workshop.outsider.apiToken })
		});
		expect(outsider.status).toBe(403);
		const badToken = await fetch(exportUrl('pdf'), { headers: { authorization: 'Bearer nope' } });
		expect(badToken.status).toBe(401);
		const odt = await fetch(exportUrl('odt'), {
			headers: headersFor({ apiToken: workshop.facilitator.apiToken })
		});
		expect(odt.status).toBe(404);
		expect((await odt.json()).message).toContain('There is no export format "odt"');
	});
});
