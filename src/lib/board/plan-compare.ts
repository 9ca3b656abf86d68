/**
 * Comparing two states of a plan: actions added, removed, and changed field by field. Works
 * generically over the export model's action fields, so a field added to the model is compared
 * without touching this file.
 */
import { exportedActions, type ExportAction, type PlanExport } from './plan-export.ts';

/** One field that differs between two states of an action, as plain values. */
export interface FieldChange {
	field: keyof ExportAction;
	before: unknown;
	after: unknown;
}

export interface ActionSummary {
	id: string;
	ref: string;
	title: string;
	pillar: string;
}

export interface PlanComparison {
	added: ActionSummary[];
	removed: ActionSummary[];
	changed: (ActionSummary & { changes: FieldChange[] })[];
}

/** Fields that only identify an action. */
const IDENTITY: ReadonlySet<string> = new Set(['id']);

function summary(action: ExportAction): ActionSummary {
	return { id: action.id, ref: action.ref, title: action.title, pillar: action.pillar };
}

/** A stable text form of a value (object keys sorted), for comparing. */
function canonical(value: unknown): string {
	return JSON.stringify(value, (_key, inner: unknown) =>
		inner && typeof inner === 'object' && !Array.isArray(inner)
			? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => a.localeCompare(b)))
			: inner
	);
}

/** What changed from `before` to `after`. */
export function comparePlans(before: PlanExport, after: PlanExport): PlanComparison {
	const old = new Map(exportedActions(before).map((action) => [action.id, action]));
	const now = exportedActions(after);
	const ids = new Set(now.map((action) => action.id));
	const comparison: PlanComparison = {
		added: [],
		removed: exportedActions(before)
			.filter((action) => !ids.has(action.id))
			.map(summary),
		changed: []
	};
	for (const action of now) {
		const previous = old.get(action.id);
		if (!previous) {
			comparison.added.push(summary(action));
			continue;
		}
		const fields = new Set([...Object.keys(previous), ...Object.keys(action)]);
		const changes: FieldChange[] = [];
		for (const field of fields) {
			if (IDENTITY.has(field)) continue;
			const key = field as keyof ExportAction;
			if (canonical(previous[key]) !== canonical(action[key])) {
				changes.push({ field: key, before: previous[key] ?? null, after: action[key] ?? null });
			}
		}
		if (changes.length > 0) comparison.changed.push({ ...summary(action), changes });
	}
	return comparison;
}

/** Whether two states of a plan hold the same actions with the same fields. */
export function isUnchanged(comparison: PlanComparison): boolean {
	return comparison.added.length + comparison.removed.length + comparison.changed.length === 0;
}

function count(n: number, one: string, many = `${one}s`): string {
	return `${n} ${n === 1 ? one : many}`;
}

/** One sentence: "2 actions added, 1 changed (SP-02), 1 removed." or "No changes to actions." */
export function describeComparison(comparison: PlanComparison): string {
	if (isUnchanged(comparison)) return 'No changes to actions.';
	const refs = (items: ActionSummary[]) => {
		const named = items.slice(0, 3).map((item) => item.ref || item.title);
		return named.length > 0 ? ` (${named.join(', ')}${items.length > 3 ? ', …' : ''})` : '';
	};
	const parts = [
		comparison.added.length > 0
			? `${count(comparison.added.length, 'action')} added${refs(comparison.added)}`
			: '',
		comparison.changed.length > 0
			? `${comparison.changed.length} changed${refs(comparison.changed)}`
			: '',
		comparison.removed.length > 0
			? `${comparison.removed.length} removed${refs(comparison.removed)}`
			: ''
	].filter(Boolean);
	const sentence = parts.join(', ');
	return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`;
}

/** A field's value as a short text for people ("—" when empty). */
export function fieldValueText(value: unknown): string {
	if (value === null || value === undefined || value === '') return '—';
	if (Array.isArray(value)) {
		if (value.length === 0) return '—';
		return value.map((item) => fieldValueText(item)).join('; ');
	}
	if (typeof value === 'object') {
		const record = value as Record<string, unknown>;
		if (typeof record.code === 'string' && typeof record.name === 'string') {
			return `${record.name} (${record.code})`;
		}
		if (typeof record.name === 'string') return record.name;
		return JSON.stringify(value);
	}
	return String(value);
}
