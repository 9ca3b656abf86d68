/**
 * Rules on single fields of the action plan, beyond write-policy.ts's rule on whole top-level
 * maps (partners may write cards and actions). The plan's pages hide what a partner may not do;
 * this makes the server refuse it too, so a stock client or the browser's developer tools cannot
 * do it either:
 * - the lead's answer (accept, or decline with a reason) is given by a member of the lead partner,
 *   in their own name and for their own organisation;
 * - marking an action agreed, or taking an agreed action back, is for facilitators.
 */
import { ROOT } from '../../src/lib/board/board-doc.ts';
import { actionRecord } from '../../src/lib/board/actions.ts';
import { LEAD_ANSWER_FIELDS } from '../../src/lib/board/lead-acceptance.ts';
import type * as Y from 'yjs';
import type { Change } from './write-policy.ts';

/** What the rules need to know of the sender: a partner member (facilitators are not checked). */
export interface PlanWriter {
	name: string;
	/** The partner organisation the member speaks for, if any. */
	partnerId: string | null;
}

/** Sentences the sender's client may show when it is refused. */
export const PLAN_REFUSAL = {
	leadAnswer: 'Only a member of the lead partner may accept or decline leading an action.',
	agreed: 'Only facilitators may mark an action agreed, or take an agreed action back.'
} as const;

const leadAnswerFields: ReadonlySet<string> = new Set(LEAD_ANSWER_FIELDS);

/** The action and field a change touches, if it is inside an action record. */
function actionField(change: Change): { actionId: string; field: string } | null {
	const { root, keys } = change.place;
	return root === ROOT.actions && keys.length >= 2 ? { actionId: keys[0], field: keys[1] } : null;
}

/** Why a partner member may not make these changes to the plan, or null if they may. */
export function planChangeProblem(
	doc: Y.Doc,
	changes: readonly Change[],
	writer: PlanWriter
): string | null {
	/** The lead each action has once the update is applied: set by it, or as it was. */
	const newLeads = new Map<string, unknown>();
	for (const change of changes) {
		const at = actionField(change);
		if (at?.field === 'lead' && change.kind === 'insert') newLeads.set(at.actionId, change.value);
	}
	const leadAfter = (actionId: string) =>
		newLeads.has(actionId) ? newLeads.get(actionId) : actionRecord(doc, actionId)?.get('lead');

	for (const change of changes) {
		const at = actionField(change);
		if (!at) continue;
		if (leadAnswerFields.has(at.field)) {
			const blank = change.kind === 'insert' && (change.value === null || change.value === undefined);
			// A new action is written with its (empty) answer fields: that answers nothing.
			if (blank && actionRecord(doc, at.actionId) === null) continue;
			const forOwnLead = writer.partnerId !== null && leadAfter(at.actionId) === writer.partnerId;
			if (!forOwnLead) return PLAN_REFUSAL.leadAnswer;
			if (change.kind !== 'insert') continue;
			if (at.field === 'leadResponsePartner' && change.value !== writer.partnerId) {
				return PLAN_REFUSAL.leadAnswer;
			}
			if (at.field === 'leadResponseBy' && change.value !== writer.name) {
				return PLAN_REFUSAL.leadAnswer;
			}
		}
		if (at.field === 'approval' && change.value === 'agreed') return PLAN_REFUSAL.agreed;
	}
	return null;
}
