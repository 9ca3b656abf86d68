/**
 * The facilitator's locks (facilitation.ts), enforced: while the board is locked a partner
 * changes no card and no action; while a lane is locked a partner changes no card in it, moves
 * no card into it or out of it, and adds none to it. Facilitators are not checked.
 */
import type * as Y from 'yjs';
import { ROOT, listPillars } from '../../src/lib/board/board-doc.ts';
import { cardRecord } from '../../src/lib/board/cards.ts';
import { LOCK_REFUSAL, readLocks } from '../../src/lib/board/facilitation.ts';
import type { Change } from './write-policy.ts';

/** Why a partner may not make these changes under the locks in force, or null if they may. */
export function lockProblem(doc: Y.Doc, changes: readonly Change[]): string | null {
	const locks = readLocks(doc);
	if (!locks.board && locks.lanes.length === 0) return null;
	const lockedLane = (pillar: unknown): string | null => {
		if (typeof pillar !== 'string' || !locks.lanes.includes(pillar)) return null;
		const label = listPillars(doc).find((p) => p.key === pillar)?.label ?? pillar;
		return LOCK_REFUSAL.lane(label);
	};
	for (const { place, value, kind } of changes) {
		if (place.root !== ROOT.cards && place.root !== ROOT.actions) continue;
		if (locks.board) return LOCK_REFUSAL.board;
		if (place.root !== ROOT.cards || place.keys.length === 0) continue;
		// The lane the card is in now, and the one it is being put in.
		const current = lockedLane(cardRecord(doc, place.keys[0])?.get('pillar'));
		if (current) return current;
		const moving = kind === 'insert' && place.keys.length === 2 && place.keys[1] === 'pillar';
		const into = moving ? lockedLane(value) : null;
		if (into) return into;
	}
	return null;
}
