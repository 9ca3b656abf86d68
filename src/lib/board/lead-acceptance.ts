/**
 * Lead acceptance. Naming a lead partner does not commit it: the action is "awaiting acceptance"
 * until a member of that partner accepts, or declines with a reason. The answer is stored with
 * the partner it was given for, so it counts only while that partner is the lead: naming another
 * lead (even at the same moment on another machine) puts the action back to awaiting, and an
 * answer can never be credited to the wrong organisation.
 */
import type * as Y from 'yjs';
import { actionRecord, type Action } from './actions.ts';
import { setRecordText, type EditResult } from './action-edit.ts';

/**
 * The fields of an action record that hold the lead's answer. Only a member of the lead partner
 * (or a facilitator) may write them; the sync server enforces it.
 */
export const LEAD_ANSWER_FIELDS = [
	'leadResponse',
	'leadResponsePartner',
	'leadResponseReason',
	'leadResponseBy',
	'leadResponseAt'
] as const;

/** Where an action's lead stands. */
export type LeadStatus = 'no-lead' | 'awaiting' | 'accepted' | 'declined';

export const LEAD_STATUS_LABELS: Record<LeadStatus, string> = {
	'no-lead': 'No lead yet',
	awaiting: 'Awaiting acceptance',
	accepted: 'Accepted',
	declined: 'Declined'
};

/** The lead's status, derived from the lead and the answer on record. */
export function leadStatus(action: Pick<Action, 'lead' | 'leadAnswer'>): LeadStatus {
	if (!action.lead) return 'no-lead';
	const answer = action.leadAnswer;
	if (!answer || answer.partnerId !== action.lead) return 'awaiting';
	return answer.response;
}

/** Whether a member speaking for `partnerId` may answer for the action's lead. */
export function mayAnswerLead(action: Pick<Action, 'lead'>, partnerId: string | null): boolean {
	return partnerId !== null && action.lead === partnerId;
}

/** Who answers, as the plan records it. */
export interface Answerer {
	partnerId: string | null;
	name: string;
}

function answer(
	doc: Y.Doc,
	id: string,
	by: Answerer,
	response: 'accepted' | 'declined',
	reason: string
): EditResult {
	const record = actionRecord(doc, id);
	if (!record) return { ok: false, message: 'This action has been deleted by someone else.' };
	const lead = record.get('lead');
	if (typeof lead !== 'string' || lead === '' || by.partnerId !== lead) {
		return {
			ok: false,
			message: 'Only a member of the lead partner can accept or decline the lead.'
		};
	}
	doc.transact(() => {
		record.set('leadResponse', response);
		record.set('leadResponsePartner', lead);
		setRecordText(record, 'leadResponseReason', reason);
		record.set('leadResponseBy', by.name);
		record.set('leadResponseAt', Date.now());
	});
	return { ok: true };
}

/** The lead partner takes the action on. */
export function acceptLead(doc: Y.Doc, id: string, by: Answerer): EditResult {
	return answer(doc, id, by, 'accepted', '');
}

/** The lead partner declines the action; the reason is required, so the room knows why. */
export function declineLead(doc: Y.Doc, id: string, by: Answerer, reason: string): EditResult {
	if (reason.trim() === '') {
		return { ok: false, message: 'Say why your organisation declines to lead this action.' };
	}
	return answer(doc, id, by, 'declined', reason.trim());
}
