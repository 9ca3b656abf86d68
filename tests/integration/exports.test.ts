/**
 * Every export format, read back with a real parser: each holds every action's title, pillar and
 * lead partner, and Welsh and Gaelic place names, £ and en dashes survive.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBoardPicture } from '../../src/lib/board/board-export.ts';
import {
	buildPlanExport,
	exportedActions,
	type PlanExport
} from '../../src/lib/board/plan-export.ts';
import type { BoardPicture } from '../../src/lib/board/board-export.ts';
import { renderExport } from '../../src/lib/server/export/formats.ts';
import { SAMPLE_PLACE, samplePlanDoc } from '../../src/lib/server/export/sample-plan.ts';
import { readCsv, readDocx, readPdfText, readXlsx } from '../helpers/read-exports.ts';
import { XMLParser } from 'fast-xml-parser';

/** Characters that must survive every format. */
const SPECIAL = ['Ysgol Gŵyr', 'Tŷ Mawr', 'Steòrnabhagh', 'Gàidhealtachd', '£1.2m', ' – '];

let plan: PlanExport;
let board: BoardPicture;

beforeAll(() => {
	const doc = samplePlanDoc(12);
	plan = buildPlanExport(doc, {
		workshop: { id: 'w1', date: '2026-11-23' },
		version: {
			kind: 'agreed',
			id: 'v1',
			name: 'Proposed for agreement',
			savedAt: '2026-11-23T15:00:00.000Z',
			hash: 'a'.repeat(64)
		},
		agreement: {
			status: 'agreed',
			at: '2026-11-23T16:00:00.000Z',
			signOffs: [
				{
					partner: { id: 'p', code: 'CnES', name: 'Comhairle nan Eilean Siar' },
					decision: 'signed',
					by: 'Mòrag Dhòmhnallach',
					at: '2026-11-23T15:30:00.000Z',
					comment: ''
				}
			]
		}
	});
	board = buildBoardPicture(doc);
	doc.destroy();
});

const squash = (text: string) => text.replace(/\s+/g, '');
const labelOf = (key: string) => plan.pillars.find((pillar) => pillar.key === key)!.label;

describe('exports read back', () => {
	it('JSON parses to the export model, with every action under its pillar', async () => {
		const parsed = JSON.parse(
			(await renderExport('json', plan, board)).toString('utf8')
		) as PlanExport;
		expect(parsed.schemaVersion).toBe(1);
		expect(parsed.workshop.place).toBe(SAMPLE_PLACE);
		expect(exportedActions(parsed)).toHaveLength(12);
		for (const action of exportedActions(plan)) {
			const pillar = parsed.pillars.find((p) => p.key === action.pillar)!;
			const found = pillar.actions.find((a) => a.id === action.id)!;
			expect(found.title).toBe(action.title);
			expect(found.lead?.name).toBe(action.lead?.name);
		}
		const text = JSON.stringify(parsed);
		for (const special of SPECIAL) expect(text).toContain(special);
	});

	it('CSV parses with csv-parse to one row per action with title, pillar and lead partner', async () => {
		const rows = readCsv((await renderExport('csv', plan, board)).toString('utf8'));
		// An action's second and later indicators follow on rows without a title (docs/plan-csv.md).
		const actionRows = rows.filter((row) => row.Title !== '');
		expect(actionRows).toHaveLength(12);
		for (const action of exportedActions(plan)) {
			const row = actionRows.find((r) => r.Ref === action.ref)!;
			expect(row.Title).toBe(action.title);
			expect(row.Pillar).toBe(labelOf(action.pillar));
			expect(row['Lead partner']).toBe(action.lead!.code);
			expect(row.Indicator).toBe(action.indicators[0]?.name ?? '');
		}
		const text = rows.map((row) => Object.values(row).join('|')).join('\n');
		// Not the place (not a column) nor partner names: the CSV names partners by code, as its
		// import reads them.
		const inCsv = SPECIAL.filter((s) => !['Steòrnabhagh', 'Gàidhealtachd'].includes(s));
		for (const special of inCsv) expect(text).toContain(special);
	});

	it('Markdown has a heading per pillar with its actions and lead partners under it', async () => {
		const text = (await renderExport('md', plan, board)).toString('utf8');
		for (const action of exportedActions(plan)) {
			const section = text.split('\n## ').find((part) => part.startsWith(labelOf(action.pillar)))!;
			expect(section).toContain(action.title.replace(/([\\`*_[\]<>#|])/g, '\\$1'));
			expect(section).toContain(action.lead!.name);
		}
		for (const special of SPECIAL) expect(text).toContain(special);
	});

	it('XLSX unzips to sheets whose XML holds a row per action, a sheet per pillar and an indicators sheet', async () => {
		const sheets = readXlsx(await renderExport('xlsx', plan, board));
		const all = sheets.get('All actions')!;
		expect(all[0].slice(0, 5)).toEqual(['Ref', 'Pillar', 'Title', 'Description', 'Lead partner']);
		expect(all).toHaveLength(13);
		for (const action of exportedActions(plan)) {
			const row = all.find((cells) => cells[2] === action.title)!;
			expect(row[1]).toBe(labelOf(action.pillar));
			expect(row[4]).toBe(action.lead!.name);
			const pillarSheet = sheets.get(labelOf(action.pillar).slice(0, 31).trim())!;
			expect(pillarSheet.some((cells) => cells[2] === action.title)).toBe(true);
		}
		expect(sheets.get('Indicators')).toHaveLength(1 + 12 * 2);
		expect(sheets.get('Sign-offs')![1]).toContain('Mòrag Dhòmhnallach');
		const text = [...sheets.values()].flat(2).join('\n');
		for (const special of SPECIAL) expect(text).toContain(special);
	});

	it('DOCX unzips to a document whose XML has a heading and a table per pillar holding each action and its lead', async () => {
		const body = readDocx(await renderExport('docx', plan, board));
		let pillar = '';
		const rowsByPillar = new Map<string, string[][]>();
		for (const item of body) {
			if (item.kind === 'heading' && item.style === 'Heading1') pillar = item.text;
			if (item.kind === 'row')
				rowsByPillar.set(pillar, [...(rowsByPillar.get(pillar) ?? []), item.cells]);
		}
		for (const action of exportedActions(plan)) {
			const rows = rowsByPillar.get(labelOf(action.pillar))!;
			const row = rows.find((cells) => cells[1].startsWith(action.title))!;
			expect(row[0]).toBe(action.ref);
			expect(row[2]).toContain(action.lead!.name);
		}
		const text = body
			.map((item) => ('cells' in item ? item.cells.join(' ') : item.text))
			.join('\n');
		for (const special of SPECIAL) expect(text).toContain(special);
		expect(text).toContain(SAMPLE_PLACE);
	});

	it('PDF text, extracted with PDF.js, has a cover page and each action and lead partner under its pillar', async () => {
		const pages = await readPdfText(await renderExport('pdf', plan, board));
		const cover = squash(pages[0]);
		expect(cover).toContain(squash(SAMPLE_PLACE));
		expect(cover).toContain(squash('23 November 2026'));
		expect(cover).toContain(squash('Comhairle nan Eilean Siar'));
		const text = squash(pages.slice(1).join('\n'));
		const order = plan.pillars.map((p) => text.indexOf(squash(p.label)));
		for (const action of exportedActions(plan)) {
			const at = text.indexOf(squash(action.title));
			expect(at).toBeGreaterThan(-1);
			const index = plan.pillars.findIndex((p) => p.key === action.pillar);
			expect(at).toBeGreaterThan(order[index]);
			if (index + 1 < order.length) expect(at).toBeLessThan(order[index + 1]);
			expect(text.slice(at, at + 2000)).toContain(squash(action.lead!.name));
		}
		for (const special of SPECIAL) expect(squash(pages.join(''))).toContain(squash(special));
	});

	it('SVG parses as XML holding every card, and PNG is a picture of the same size, drawn at twice the scale', async () => {
		const svg = (await renderExport('svg', plan, board)).toString('utf8');
		const parsed = new XMLParser({ ignoreAttributes: false }).parse(svg) as {
			svg: Record<string, string>;
		};
		const width = Number(parsed.svg['@_width']);
		expect(svg).toContain('Prynu’n lleol – buy local');
		expect(svg).toContain('Fàilte gu Leòdhas');
		expect(svg).toContain('>Progressive procurement of goods<');
		const png = await renderExport('png', plan, board);
		expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
		expect(png.readUInt32BE(16)).toBe(width * 2);
	});
});
