/**
 * The plan as CSV: the columns the plan page's CSV import reads back (docs/plan-csv.md), UTF-8
 * with a byte-order mark so that Excel reads £ and accents. Made in src/lib/board/plan-csv.ts,
 * shared with the plan page's download.
 */
import { planCsv } from '../../board/plan-csv.ts';
import type { PlanExport } from '../../board/plan-export.ts';

/** The CSV file of a plan. */
export function renderCsv(plan: PlanExport): string {
	return planCsv(plan);
}
