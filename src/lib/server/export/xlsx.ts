/**
 * The plan as an Excel workbook (exceljs: writes real .xlsx with styles, frozen header rows and
 * column widths, in pure JavaScript): an "All actions" sheet with one row per action, a sheet per
 * pillar, an "Indicators" sheet with one row per indicator, and the sign-offs.
 */
import ExcelJS from 'exceljs';
import { exportedActions, type ExportAction, type PlanExport } from '../../board/plan-export.ts';
import {
	FUNDING_LABELS,
	RAG_LABELS,
	STATUS_LABELS,
	TIMESCALE_LABELS
} from '../../board/plan-labels.ts';
import { decisionText } from './markdown.ts';
import { versionLine } from './describe.ts';

const ACTION_COLUMNS: {
	header: string;
	width: number;
	value: (a: ExportAction, pillar: string) => string | number | null;
}[] = [
	{ header: 'Ref', width: 9, value: (a) => a.ref },
	{ header: 'Pillar', width: 24, value: (_a, pillar) => pillar },
	{ header: 'Title', width: 40, value: (a) => a.title },
	{ header: 'Description', width: 50, value: (a) => a.description },
	{ header: 'Lead partner', width: 30, value: (a) => a.lead?.name ?? '' },
	{ header: 'Lead code', width: 10, value: (a) => a.lead?.code ?? '' },
	{
		header: 'Supporting partners',
		width: 30,
		value: (a) => a.supporting.map((p) => p.name).join('; ')
	},
	{
		header: 'Timescale',
		width: 22,
		value: (a) => (a.timescale ? TIMESCALE_LABELS[a.timescale] : '')
	},
	{ header: 'Start date', width: 12, value: (a) => a.startDate ?? '' },
	{ header: 'End date', width: 12, value: (a) => a.endDate ?? '' },
	{ header: 'Resources', width: 30, value: (a) => a.resources },
	{ header: 'Estimated cost (£)', width: 16, value: (a) => a.estimatedCost },
	{ header: 'Funding', width: 18, value: (a) => (a.funding ? FUNDING_LABELS[a.funding] : '') },
	{ header: 'Indicators', width: 10, value: (a) => a.indicators.length },
	{ header: 'Status', width: 14, value: (a) => STATUS_LABELS[a.status] },
	{ header: 'RAG', width: 8, value: (a) => (a.rag ? RAG_LABELS[a.rag] : '') },
	{ header: 'RAG reason', width: 30, value: (a) => a.ragReason }
];

const RAG_FILL: Record<string, string> = { Red: 'FFF4C7C3', Amber: 'FFFFE6B3', Green: 'FFCDEBD3' };

/** Sheet names: at most 31 characters, none of : \ / ? * [ ], unique. */
function sheetName(label: string, taken: Set<string>): string {
	const base =
		label
			.replace(/[:\\/?*[\]]/g, ' ')
			.slice(0, 31)
			.trim() || 'Pillar';
	let name = base;
	for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base.slice(0, 27)} (${n})`;
	taken.add(name.toLowerCase());
	return name;
}

function styleHeader(sheet: ExcelJS.Worksheet): void {
	const header = sheet.getRow(1);
	header.font = { bold: true, color: { argb: 'FFFFFFFF' } };
	header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF23395B' } };
	header.alignment = { vertical: 'middle', wrapText: true };
	sheet.views = [{ state: 'frozen', ySplit: 1 }];
}

function addActionSheet(
	workbook: ExcelJS.Workbook,
	name: string,
	rows: { action: ExportAction; pillar: string }[]
): void {
	const sheet = workbook.addWorksheet(name);
	sheet.columns = ACTION_COLUMNS.map((column) => ({ header: column.header, width: column.width }));
	for (const { action, pillar } of rows) {
		const row = sheet.addRow(ACTION_COLUMNS.map((column) => column.value(action, pillar)));
		row.alignment = { vertical: 'top', wrapText: true };
		const rag = row.getCell(16);
		const fill = RAG_FILL[String(rag.value)];
		if (fill) rag.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fill } };
	}
	sheet.getColumn(12).numFmt = '"£"#,##0';
	styleHeader(sheet);
}

export async function renderXlsx(plan: PlanExport): Promise<Buffer> {
	const workbook = new ExcelJS.Workbook();
	workbook.creator = 'Pillarboard';
	workbook.title = `${plan.workshop.title} — ${plan.workshop.place}`;
	workbook.subject = versionLine(plan);
	const labels = new Map(plan.pillars.map((pillar) => [pillar.key, pillar.label]));
	const all = exportedActions(plan).map((action) => ({
		action,
		pillar: labels.get(action.pillar) ?? ''
	}));
	const taken = new Set<string>(['all actions', 'indicators', 'sign-offs', 'about']);

	addActionSheet(workbook, 'All actions', all);
	for (const pillar of plan.pillars) {
		addActionSheet(
			workbook,
			sheetName(pillar.label, taken),
			pillar.actions.map((action) => ({ action, pillar: pillar.label }))
		);
	}

	const indicators = workbook.addWorksheet('Indicators');
	indicators.columns = [
		{ header: 'Ref', width: 9 },
		{ header: 'Action', width: 40 },
		{ header: 'Pillar', width: 24 },
		{ header: 'Indicator', width: 40 },
		{ header: 'Unit', width: 8 },
		{ header: 'Baseline', width: 12 },
		{ header: 'Baseline year', width: 14 },
		{ header: 'Target', width: 12 },
		{ header: 'Target date', width: 14 },
		{ header: 'Source', width: 30 }
	];
	for (const { action, pillar } of all) {
		for (const indicator of action.indicators) {
			indicators.addRow([
				action.ref,
				action.title,
				pillar,
				indicator.name,
				indicator.unit,
				indicator.baseline,
				indicator.baselineYear ?? '',
				indicator.target,
				indicator.targetDate ?? '',
				indicator.source ?? ''
			]);
		}
	}
	styleHeader(indicators);

	if (plan.agreement) {
		const signOffs = workbook.addWorksheet('Sign-offs');
		signOffs.columns = [
			{ header: 'Partner', width: 40 },
			{ header: 'Code', width: 10 },
			{ header: 'Decision', width: 18 },
			{ header: 'By', width: 24 },
			{ header: 'Date', width: 12 },
			{ header: 'Comment', width: 50 }
		];
		for (const signOff of plan.agreement.signOffs) {
			signOffs.addRow([
				signOff.partner.name,
				signOff.partner.code,
				decisionText(signOff.decision),
				signOff.by ?? '',
				signOff.at?.slice(0, 10) ?? '',
				signOff.comment
			]);
		}
		styleHeader(signOffs);
	}

	const about = workbook.addWorksheet('About');
	about.columns = [{ width: 22 }, { width: 90 }];
	about.addRows([
		['Workshop', plan.workshop.title],
		['Place', plan.workshop.place],
		['Version', versionLine(plan)],
		['Partners', plan.partners.map((partner) => `${partner.name} (${partner.code})`).join('; ')],
		['Export format', `Pillarboard plan export, schema version ${plan.schemaVersion}`]
	]);
	about.getColumn(1).font = { bold: true };

	return Buffer.from(await workbook.xlsx.writeBuffer());
}
