/**
 * The plan as CSV (RFC 4180, UTF-8 with a byte-order mark so Excel reads £ and accents): one row
 * per action. The columns are PLAN_CSV_COLUMNS, which the CSV import shares.
 */
import { PLAN_CSV_COLUMNS, planCsvRows } from '../../board/plan-csv.ts';
import type { PlanExport } from '../../board/plan-export.ts';

function cell(value: string): string {
	return /[",\r\n]/.test(value) || /^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function renderCsv(plan: PlanExport): string {
	const lines = [PLAN_CSV_COLUMNS.map(cell).join(',')];
	for (const row of planCsvRows(plan)) {
		lines.push(PLAN_CSV_COLUMNS.map((column) => cell(row[column])).join(','));
	}
	return `\uFEFF${lines.join('\r\n')}\r\n`;
}
