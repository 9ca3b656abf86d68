import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addAction, listActions } from './actions.ts';
import { addPartner, initBoard } from './board-doc.ts';
import { toCsv } from './csv.ts';
import { PLAN_CSV_COLUMNS, exportPlanCsv, importPlanCsv, previewPlanCsv } from './plan-csv.ts';

function newBoard(): Y.Doc {
	const doc = new Y.Doc();
	initBoard(doc, { title: 'T', place: 'P', preset: 'cles' });
	addPartner(doc, {
		code: 'KBC',
		name: 'Kestrelford Borough Council',
		type: 'council',
		colour: '#111111'
	});
	addPartner(doc, {
		code: 'KTH',
		name: 'Kestrelford Teaching Hospitals',
		type: 'nhs',
		colour: '#222222'
	});
	return doc;
}

const HEADER =
	'Ref,Title,Pillar,Lead partner,Supporting partners,Timescale,Start date,End date,Indicator,Unit,Baseline,Target,Status,RAG';

describe('plan CSV import', () => {
	it('previews good rows with labels, codes and a second indicator on a continuation row', () => {
		const doc = newBoard();
		const text = [
			HEADER,
			'SP-09,"Buy local, first",Progressive procurement of goods and services,KBC,kth,Short,2026-04-01,2027-03-31,Local spend,%,9,25,In progress,Amber',
			',,,,,,,,Local suppliers,count,40,120,,'
		].join('\r\n');
		const preview = previewPlanCsv(doc, text);
		if (!preview.ok) throw new Error(preview.message);
		expect(preview.actions).toHaveLength(1);
		const [first] = preview.actions;
		expect(first.errors).toEqual([]);
		expect(first.rows).toEqual([2, 3]);
		expect(first.action).toMatchObject({
			ref: 'SP-09',
			title: 'Buy local, first',
			pillar: 'spend',
			timescale: 'short',
			status: 'in-progress',
			rag: 'amber'
		});
		expect(first.action!.indicators).toHaveLength(2);
		expect(first.action!.indicators![1]).toMatchObject({ name: 'Local suppliers', target: 120 });
	});

	it('reports each problem against its row and never imports a bad row, even in part', () => {
		const doc = newBoard();
		const text = [
			HEADER,
			',Good action,spend,KBC,,medium,,,,,,,,',
			',Bad target,workforce,KTH,,long,,,Jobs,count,10,about twenty,,',
			',Bad dates,land,,,,2026-05-01,2026-04-01,,,,,,',
			',Unknown lead,finance,XYZ,,,,,,,,,,'
		].join('\n');
		const preview = previewPlanCsv(doc, text);
		if (!preview.ok) throw new Error(preview.message);
		expect(preview.actions.map((each) => each.errors)).toEqual([
			[],
			['Row 3: The target must be a number: a whole number, e.g. 120.'],
			['Row 4: the end date cannot be before the start date.'],
			['Row 5: "XYZ" is not a partner of this workshop (use its code, e.g. KBC).']
		]);
		expect(importPlanCsv(doc, preview.actions)).toBe(1);
		expect(listActions(doc).map((action) => action.title)).toEqual(['Good action']);
	});

	it('a bad continuation row keeps its whole action out', () => {
		const doc = newBoard();
		const text = [
			HEADER,
			',Two measures,spend,,,,,,Spend,%,1,2,,',
			',,,,,,,,Suppliers,,1,2,,'
		].join('\n');
		const preview = previewPlanCsv(doc, text);
		if (!preview.ok) throw new Error(preview.message);
		expect(preview.actions[0].errors).toEqual([
			"Row 3: say the indicator's unit: %, £, count or ha."
		]);
		expect(importPlanCsv(doc, preview.actions)).toBe(0);
		expect(listActions(doc)).toHaveLength(0);
	});

	it('refuses a file without Title and Pillar columns, and notes refs already in use', () => {
		const doc = newBoard();
		expect(previewPlanCsv(doc, 'Ref,Name\nSP-01,x')).toEqual({
			ok: false,
			message: 'The first row must name the columns; "Title" and "Pillar" are missing.'
		});
		addAction(doc, { ref: 'SP-01', pillar: 'spend', title: 'There already' });
		const preview = previewPlanCsv(doc, 'Ref,Title,Pillar,Colour\nSP-01,Again,SP,blue');
		if (!preview.ok) throw new Error(preview.message);
		expect(preview.ignoredColumns).toEqual(['Colour']);
		expect(preview.actions[0].notes).toEqual([
			'SP-01 is already used on this board, so this action will get a new ref.'
		]);
		expect(preview.actions[0].action!.ref).toBeUndefined();
	});

	it('reads back what the export writes', () => {
		const source = newBoard();
		const text = [
			HEADER,
			'SP-01,"Spend, analysed",spend,KBC,KTH,long,2026-01-01,2028-12-31,Local spend,£,"1,000",2000,On hold,Red',
			',,,,,,,,Suppliers,count,1,2,,'
		].join('\n');
		const preview = previewPlanCsv(source, text);
		if (!preview.ok) throw new Error(preview.message);
		importPlanCsv(source, preview.actions);
		const exported = exportPlanCsv(source);
		expect(exported.split('\r\n')[0]).toBe(toCsv([[...PLAN_CSV_COLUMNS]]).trimEnd());
		const target = newBoard();
		const again = previewPlanCsv(target, exported);
		if (!again.ok) throw new Error(again.message);
		expect(again.actions[0].errors).toEqual([]);
		importPlanCsv(target, again.actions);
		const strip = (doc: Y.Doc) =>
			listActions(doc).map(
				({ id: _id, createdAt: _at, lead: _l, supporting: _s, indicators, ...rest }) => ({
					...rest,
					indicators: indicators.map(({ id: _i, ...indicator }) => indicator)
				})
			);
		expect(strip(target)).toEqual(strip(source));
	});
});
