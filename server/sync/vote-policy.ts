/**
 * Partners may not forge vote results. The `votes` map itself is facilitator-only already (it is
 * not one of the maps write-policy.ts lets partners change); this covers the count a reveal writes
 * on each card and action (`votes`, `voteId`: vote-results.ts), which sit in maps partners do
 * write. A partner may write those two fields only as the revealed results say — which is what
 * undoing the deletion of a voted card does, re-creating it as it was — and may not remove them
 * except by deleting the whole card or action.
 */
import { actionRecord } from '../../src/lib/board/actions.ts';
import { ROOT } from '../../src/lib/board/board-doc.ts';
import { cardRecord } from '../../src/lib/board/cards.ts';
import { ITEM_VOTE_FIELDS } from '../../src/lib/board/vote-results.ts';
import { getVote, type VoteKind } from '../../src/lib/board/votes.ts';
import type * as Y from 'yjs';
import type { Change } from './write-policy.ts';

/** The sentence a refused partner's client is closed with. */
export const VOTE_REFUSAL =
	'Only facilitators reveal vote results: the votes on a card or action cannot be changed.';

const voteFields: ReadonlySet<string> = new Set(ITEM_VOTE_FIELDS);
const kindOfRoot: Record<string, VoteKind> = { [ROOT.cards]: 'cards', [ROOT.actions]: 'actions' };

/** The item and vote field a change touches, if it is one. */
function voteField(change: Change): { kind: VoteKind; item: string; field: string } | null {
	const { root, keys } = change.place;
	const kind = kindOfRoot[root];
	if (!kind || keys.length < 2 || !voteFields.has(keys[1])) return null;
	return { kind, item: keys[0], field: keys[1] };
}

/** Why a partner may not make these changes to vote counts on cards or actions, or null. */
export function voteChangeProblem(doc: Y.Doc, changes: readonly Change[]): string | null {
	/** Cards and actions the update deletes whole: their fields go with them. */
	const deletedWhole = new Set<string>();
	/** The vote ids the update writes, per item. */
	const voteIdsWritten = new Map<string, unknown>();
	for (const change of changes) {
		const { root, keys } = change.place;
		if (change.kind === 'delete' && keys.length === 1 && kindOfRoot[root]) {
			deletedWhole.add(`${root}/${keys[0]}`);
		}
		const at = voteField(change);
		if (at?.field === 'voteId' && change.kind === 'insert') {
			voteIdsWritten.set(`${change.place.root}/${at.item}`, change.value);
		}
	}

	/** The revealed result of `voteId` for the item, if there is one. */
	const resultFor = (kind: VoteKind, item: string, voteId: unknown) => {
		if (typeof voteId !== 'string') return null;
		const vote = getVote(doc, voteId);
		if (!vote || vote.status !== 'revealed' || vote.kind !== kind) return null;
		return vote.results.find((result) => result.item === item) ?? null;
	};

	for (const change of changes) {
		const at = voteField(change);
		if (!at) continue;
		const key = `${change.place.root}/${at.item}`;
		if (change.kind === 'delete') {
			if (deletedWhole.has(key)) continue;
			return VOTE_REFUSAL;
		}
		if (at.field === 'voteId') {
			if (!resultFor(at.kind, at.item, change.value)) return VOTE_REFUSAL;
			continue;
		}
		// A count must be the revealed result of the vote named with it (in the update, or already).
		const voteId = voteIdsWritten.has(key)
			? voteIdsWritten.get(key)
			: currentVoteId(doc, at.kind, at.item);
		if (resultFor(at.kind, at.item, voteId)?.votes !== change.value) return VOTE_REFUSAL;
	}
	return null;
}

function currentVoteId(doc: Y.Doc, kind: VoteKind, item: string): unknown {
	const record = kind === 'cards' ? cardRecord(doc, item) : actionRecord(doc, item);
	return record?.get('voteId');
}
