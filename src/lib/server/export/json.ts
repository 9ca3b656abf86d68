/** The plan as JSON: the export model itself, documented in docs/export-format.md. */
import type { PlanExport } from '../../board/plan-export.ts';

export function renderJson(plan: PlanExport): string {
	return `${JSON.stringify(plan, null, 2)}\n`;
}
