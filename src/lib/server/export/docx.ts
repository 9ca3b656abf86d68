/**
 * The plan as a Word document (the `docx` package: builds real WordprocessingML in pure
 * JavaScript, with styles Word knows, so headings show in the navigation pane and every table
 * and paragraph stays editable): a title block, a heading and a table per pillar, the sign-offs.
 */
import {
	BorderStyle,
	Document,
	HeadingLevel,
	Packer,
	PageOrientation,
	Paragraph,
	ShadingType,
	Table,
	TableCell,
	TableRow,
	TextRun,
	WidthType
} from 'docx';
import type { ExportAction, PlanExport } from '../../board/plan-export.ts';
import {
	FUNDING_LABELS,
	STATUS_LABELS,
	formatPounds,
	indicatorText,
	ragText,
	timescaleText
} from '../../board/plan-labels.ts';
import { decisionText } from './markdown.ts';
import { versionLine, workshopDate } from './describe.ts';

const HEADER_FILL = '23395B';
const BORDER = { style: BorderStyle.SINGLE, size: 4, color: 'AAB3C0' };
const BORDERS = { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER };

/** Column headings and widths (in fiftieths of a percent) of each pillar's table. */
const COLUMNS: [string, number][] = [
	['Ref', 7],
	['Action', 31],
	['Lead and supporting partners', 17],
	['Timescale', 11],
	['Resources', 12],
	['Indicators', 13],
	['Status and RAG', 9]
];

function cell(lines: (string | { text: string; bold?: boolean })[], header = false): TableCell {
	return new TableCell({
		borders: BORDERS,
		shading: header ? { type: ShadingType.CLEAR, color: 'auto', fill: HEADER_FILL } : undefined,
		margins: { top: 60, bottom: 60, left: 80, right: 80 },
		children: (lines.length > 0 ? lines : ['']).map(
			(line) =>
				new Paragraph({
					children: [
						new TextRun({
							text: typeof line === 'string' ? line : line.text,
							bold: header || (typeof line !== 'string' && line.bold),
							color: header ? 'FFFFFF' : undefined,
							size: 18
						})
					]
				})
		)
	});
}

function actionRow(action: ExportAction): TableRow {
	const resources = [
		action.resources,
		formatPounds(action.estimatedCost),
		action.funding ? FUNDING_LABELS[action.funding] : ''
	].filter(Boolean);
	return new TableRow({
		cantSplit: true,
		children: [
			cell([{ text: action.ref, bold: true }]),
			cell([
				{ text: action.title, bold: true },
				...(action.description ? [action.description] : [])
			]),
			cell([
				action.lead ? `Lead: ${action.lead.name}` : 'Lead: none yet',
				...(action.supporting.length > 0
					? [`Supporting: ${action.supporting.map((p) => p.name).join(', ')}`]
					: [])
			]),
			cell([timescaleText(action)].filter(Boolean)),
			cell(resources),
			cell(action.indicators.map(indicatorText)),
			cell([STATUS_LABELS[action.status], ragText(action)].filter(Boolean))
		]
	});
}

function pillarTable(actions: ExportAction[]): Table {
	return new Table({
		width: { size: 100, type: WidthType.PERCENTAGE },
		columnWidths: COLUMNS.map(([, width]) => width * 140),
		rows: [
			new TableRow({
				tableHeader: true,
				children: COLUMNS.map(([heading]) => cell([heading], true))
			}),
			...actions.map(actionRow)
		]
	});
}

export async function renderDocx(plan: PlanExport): Promise<Buffer> {
	const body: (Paragraph | Table)[] = [
		new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(plan.workshop.title)] }),
		new Paragraph({
			children: [
				new TextRun({ text: plan.workshop.place, bold: true, size: 28 }),
				...(workshopDate(plan) ? [new TextRun({ text: ` · ${workshopDate(plan)}`, size: 28 })] : [])
			]
		}),
		new Paragraph({
			children: [new TextRun({ text: versionLine(plan), size: 18, color: '4F5B6B' })]
		}),
		new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun('Partners')] }),
		...plan.partners.map(
			(partner) =>
				new Paragraph({
					bullet: { level: 0 },
					children: [new TextRun(`${partner.name} (${partner.code})`)]
				})
		)
	];
	for (const pillar of plan.pillars) {
		body.push(
			new Paragraph({
				heading: HeadingLevel.HEADING_1,
				pageBreakBefore: true,
				children: [new TextRun(pillar.label)]
			})
		);
		if (pillar.meaning) {
			body.push(
				new Paragraph({ children: [new TextRun({ text: pillar.meaning, italics: true })] })
			);
		}
		body.push(
			pillar.actions.length > 0 ? pillarTable(pillar.actions) : new Paragraph('No actions yet.'),
			new Paragraph('')
		);
	}
	if (plan.agreement) {
		body.push(
			new Paragraph({
				heading: HeadingLevel.HEADING_1,
				pageBreakBefore: true,
				children: [new TextRun('Sign-offs')]
			}),
			new Table({
				width: { size: 100, type: WidthType.PERCENTAGE },
				rows: [
					new TableRow({
						tableHeader: true,
						children: ['Partner', 'Decision', 'By', 'Date', 'Comment'].map((h) => cell([h], true))
					}),
					...plan.agreement.signOffs.map(
						(signOff) =>
							new TableRow({
								children: [
									cell([`${signOff.partner.name} (${signOff.partner.code})`]),
									cell([decisionText(signOff.decision)]),
									cell([signOff.by ?? '']),
									cell([signOff.at?.slice(0, 10) ?? '']),
									cell([signOff.comment])
								]
							})
					)
				]
			})
		);
	}
	const document = new Document({
		creator: 'Pillarboard',
		title: `${plan.workshop.title} — ${plan.workshop.place}`,
		styles: { default: { document: { run: { font: 'Arial', size: 21 } } } },
		sections: [
			{
				properties: {
					page: {
						size: { orientation: PageOrientation.LANDSCAPE, width: 16838, height: 11906 },
						margin: { top: 1000, bottom: 1000, left: 1000, right: 1000 }
					}
				},
				children: body
			}
		]
	});
	return Packer.toBuffer(document);
}
