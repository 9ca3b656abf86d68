/**
 * The rule on the parking lot's carry marks, beyond write-policy.ts's rule on whole top-level maps
 * (partners may write cards): a card is marked as carried into another workshop, or carried in
 * from one, only by a facilitator carrying the parking lot (the server writes the marks then).
 * Partners park cards and bring them back freely — that is moving a card between lanes — but a
 * forged mark would hide a card from the next carry, or claim a history it does not have.
 */
import { ROOT } from '../../src/lib/board/board-doc.ts';
import { cardRecord } from '../../src/lib/board/cards.ts';
import { CARRY_FIELDS } from '../../src/lib/board/parking.ts';
import type * as Y from 'yjs';
import type { Change } from './write-policy.ts';

/** The sentence a partner's client may show when it is refused. */
export const PARKING_REFUSAL =
	'Only facilitators carry the parking lot into another workshop.' as const;

const carryFields: ReadonlySet<string> = new Set(CARRY_FIELDS);

/** Why a partner member may not make these changes to cards, or null if they may. */
export function parkingChangeProblem(doc: Y.Doc, changes: readonly Change[]): string | null {
	for (const change of changes) {
		const { root, keys } = change.place;
		if (root !== ROOT.cards || keys.length < 2 || !carryFields.has(keys[1])) continue;
		// A new card may be written with every field, the empty marks included.
		const blankOnCreate =
			change.kind === 'insert' &&
			(change.value == null || change.value === '') &&
			cardRecord(doc, keys[0]) === null;
		if (!blankOnCreate) return PARKING_REFUSAL;
	}
	return null;
}
