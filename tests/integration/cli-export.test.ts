/** `pillarboard export`, run as a real child process against a temp database. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PlanExport } from '../../src/lib/board/plan-export.ts';
import { listAudit } from '../../src/lib/server/audit.ts';
import { createPerson } from '../helpers/accounts.ts';
import { runCli } from '../helpers/cli.ts';
import { createTempDatabase, type TempDatabase } from '../helpers/database.ts';
import { readCsv, readDocx, readPdfText, readXlsx } from '../helpers/read-exports.ts';

const FIXTURE = fileURLToPath(new URL('../../server/demo/kestrelford.json', import.meta.url));

let database: TempDatabase;
let workshopId: string;
let dir: string;

beforeEach(() => {
	database = createTempDatabase();
	dir = path.dirname(database.file);
	const owner = createPerson(database.db, 'Nia Okafor');
	const created = runCli(
		[
			'workshop',
			'create',
			'--title',
			'Kestrelford plan',
			'--owner',
			owner.email,
			'--from',
			FIXTURE
		],
		database.file
	);
	expect(created.status).toBe(0);
	workshopId = created.lastLine;
});

afterEach(() => database.remove());

describe('pillarboard export', () => {
	it('writes the current plan in every format with -o, each readable by its parser, and audits each export', async () => {
		const written: Record<string, Buffer> = {};
		for (const format of ['json', 'md', 'csv', 'xlsx', 'docx', 'pdf']) {
			const file = path.join(dir, `plan.${format}`);
			const result = runCli(
				['export', '--workshop', workshopId, '--format', format, '-o', file],
				database.file
			);
			expect(result.stderr).toBe('');
			expect(result.status).toBe(0);
			expect(result.lastLine).toBe(file);
			written[format] = fs.readFileSync(file);
		}
		const plan = JSON.parse(written.json.toString('utf8')) as PlanExport;
		const titles = plan.pillars.flatMap((pillar) => pillar.actions.map((action) => action.title));
		expect(titles.length).toBeGreaterThan(0);
		expect(
			readCsv(written.csv.toString('utf8'))
				.map((row) => row.Title)
				.filter((title) => title !== '')
				.sort()
		).toEqual([...titles].sort());
		expect(readXlsx(written.xlsx).get('All actions')).toHaveLength(titles.length + 1);
		const docx = JSON.stringify(readDocx(written.docx));
		const pdf = (await readPdfText(written.pdf)).join('').replace(/\s+/g, '');
		for (const title of titles) {
			expect(docx).toContain(JSON.stringify(title).slice(1, -1));
			expect(pdf).toContain(title.replace(/\s+/g, ''));
		}
		expect(
			listAudit(database.db, workshopId).filter((event) => event.action === 'export.created')
		).toHaveLength(6);
	});

	it('refuses the agreed version of a plan nobody has agreed, and an unknown format, with a sentence', () => {
		const file = path.join(dir, 'agreed.pdf');
		const agreed = runCli(
			['export', '--workshop', workshopId, '--format', 'pdf', '--version', 'agreed', '-o', file],
			database.file
		);
		expect(agreed.status).toBe(1);
		expect(agreed.stderr.trim()).toBe('This plan has not been agreed yet.');
		expect(fs.existsSync(file)).toBe(false);
		const format = runCli(
			['export', '--workshop', workshopId, '--format', 'odt', '-o', file],
			database.file
		);
		expect(format.status).toBe(2);
		expect(format.stderr).toContain(
			'The format must be one of json, md, csv, xlsx, docx, pdf, not "odt".'
		);
	});
});
