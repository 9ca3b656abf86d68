/** The export formats: file extension, media type, and how each is made from the models. */
import type { BoardPicture } from '../../board/board-export.ts';
import type { PlanExport } from '../../board/plan-export.ts';
import { renderBoardPng } from './board-png.ts';
import { renderBoardSvg } from './board-svg.ts';
import { renderCsv } from './csv.ts';
import { renderDocx } from './docx.ts';
import { renderJson } from './json.ts';
import { renderMarkdown } from './markdown.ts';
import { renderPdf } from './pdf.ts';
import { renderXlsx } from './xlsx.ts';

export const EXPORT_FORMATS = ['pdf', 'docx', 'xlsx', 'csv', 'md', 'json', 'svg', 'png'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function isExportFormat(value: string): value is ExportFormat {
	return (EXPORT_FORMATS as readonly string[]).includes(value);
}

export const FORMAT_INFO: Record<ExportFormat, { label: string; mediaType: string }> = {
	pdf: { label: 'PDF', mediaType: 'application/pdf' },
	docx: {
		label: 'Word',
		mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
	},
	xlsx: {
		label: 'Excel',
		mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
	},
	csv: { label: 'CSV', mediaType: 'text/csv; charset=utf-8' },
	md: { label: 'Markdown', mediaType: 'text/markdown; charset=utf-8' },
	json: { label: 'JSON', mediaType: 'application/json; charset=utf-8' },
	svg: { label: 'Board as SVG', mediaType: 'image/svg+xml; charset=utf-8' },
	png: { label: 'Board as PNG', mediaType: 'image/png' }
};

/** Renders one format; the plan formats read `plan`, the board pictures read `board`. */
export async function renderExport(
	format: ExportFormat,
	plan: PlanExport,
	board: BoardPicture
): Promise<Buffer> {
	switch (format) {
		case 'pdf':
			return renderPdf(plan);
		case 'docx':
			return renderDocx(plan);
		case 'xlsx':
			return renderXlsx(plan);
		case 'csv':
			return Buffer.from(renderCsv(plan), 'utf8');
		case 'md':
			return Buffer.from(renderMarkdown(plan), 'utf8');
		case 'json':
			return Buffer.from(renderJson(plan), 'utf8');
		case 'svg':
			return Buffer.from(renderBoardSvg(board), 'utf8');
		case 'png':
			return renderBoardPng(board);
	}
}
