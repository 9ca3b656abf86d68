/**
 * Rules on single fields of the action plan, beyond write-policy.ts's rule on whole top-level
 * maps (partners may write cards and actions). The plan's pages hide what a partner may not do;
 * this makes the server refuse it too, so a stock client or the browser's developer tools cannot
 * do it either:
 * - the lead's answer (accept, or decline with a reason) is given by a member of the lead partner,
 *   in their own name and for their own organisation;
 * - marking an action agreed, taking an agreed action back, or deleting it, is for facilitators;
 * - refs are the server's (refs.ts): a partner's new action comes without one, and no partner
 *   changes one.
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
	agreed: 'Only facilitators may mark an action agreed, or take an agreed action back.',
	deleteAgreed: 'Only facilitators may delete an agreed action.',
	ref: 'Action refs are given by the server and never change.'
} as const;

const leadAnswerFields: ReadonlySet<string> = new Set(LEAD_ANSWER_FIELDS);

/** The action and field a change touches, if it is inside an action record. */
function actionField(change: Change): { actionId: string; field: string } | null {
	const { root, keys } = change.place;
	return root === ROOT.actions && keys.length >= 2 ? { actionId: keys[0], field: keys[1] } : null;
}

/** Whether a change writes nothing: an empty value, or a new (empty) text or list. */
function isBlank(change: Change): boolean {
	return change.kind === 'insert' && (change.value == null || change.value === '');
}

/** Why a partner member may not make these changes to the plan, or null if they may. */
export function planChangeProblem(
	doc: Y.Doc,
	changes: readonly Change[],
	writer: PlanWriter
): string | null {
	/** Actions the update deletes whole: their fields go with them, and are not edits. */
	const deletedWhole = new Set<string>();
	/** Every lead the update writes, per action (Yjs decides which wins, not their order). */
	const leadsWritten = new Map<string, unknown[]>();
	const leadsCleared = new Set<string>();
	for (const change of changes) {
		const { root, keys } = change.place;
		if (root === ROOT.actions && keys.length === 1 && change.kind === 'delete') {
			deletedWhole.add(keys[0]);
		}
		const at = actionField(change);
		if (at?.field !== 'lead') continue;
		if (change.kind === 'insert') {
			leadsWritten.set(at.actionId, [...(leadsWritten.get(at.actionId) ?? []), change.value]);
		} else {
			leadsCleared.add(at.actionId);
		}
	}
	/** Whether the action's lead, once the update is applied, is surely the writer's partner. */
	const ledByWriter = (actionId: string) => {
		if (writer.partnerId === null) return false;
		const written = leadsWritten.get(actionId);
		if (written) return written.every((lead) => lead === writer.partnerId);
		return (
			!leadsCleared.has(actionId) && actionRecord(doc, actionId)?.get('lead') === writer.partnerId
		);
	};

	for (const actionId of deletedWhole) {
		if (actionRecord(doc, actionId)?.get('approval') === 'agreed') return PLAN_REFUSAL.deleteAgreed;
	}
	for (const change of changes) {
		const at = actionField(change);
		if (!at) continue;
		if (change.kind === 'delete' && deletedWhole.has(at.actionId)) continue;
		// A new action is written with all its fields, empty ones included.
		const blankOnCreate = isBlank(change) && actionRecord(doc, at.actionId) === null;
		if (at.field === 'ref' && !blankOnCreate) return PLAN_REFUSAL.ref;
		if (leadAnswerFields.has(at.field) && !blankOnCreate) {
			if (!ledByWriter(at.actionId)) return PLAN_REFUSAL.leadAnswer;
			if (change.kind === 'insert') {
				if (at.field === 'leadResponsePartner' && change.value !== writer.partnerId) {
					return PLAN_REFUSAL.leadAnswer;
				}
				if (at.field === 'leadResponseBy' && change.value !== writer.name) {
					return PLAN_REFUSAL.leadAnswer;
				}
			}
		}
		if (at.field === 'approval' && change.value === 'agreed') return PLAN_REFUSAL.agreed;
	}
	return null;
}
