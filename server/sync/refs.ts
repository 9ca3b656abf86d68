/**
 * Action refs, given by the room. The server sees every update in one order, so it is the one
 * place where "the next free SP- number" has a single answer: right after applying an update it
 * runs the pure, idempotent `assignActionRefs` in a transaction of its own, which is stored and
 * relayed to everyone like any other update (docs/board-document.md, "refs").
 *
 * A board is scanned only when an update added or removed an action or touched a ref, so typing
 * in a card or a description costs nothing here.
 */
import * as Y from 'yjs';
import { assignActionRefs } from '../../src/lib/board/action-refs.ts';
import { ROOT } from '../../src/lib/board/board-doc.ts';

/** Origin of the room's own ref transactions. */
export const REF_ORIGIN = Symbol('action refs');

/**
 * Gives refs to a room's actions: watches its document for changes that may leave an action
 * without a ref, and assigns them right after the update that made them.
 */
export class RefAssigner {
	readonly #doc: Y.Doc;
	/** Whether an update since the last run may have left an action without a ref. */
	#dirty = true; // a board loaded from storage may predate refs: scan it once

	constructor(doc: Y.Doc) {
		this.#doc = doc;
		const actions = doc.getMap(ROOT.actions);
		actions.observeDeep((events, transaction) => {
			if (transaction.origin === REF_ORIGIN) return;
			const touchesRefs = events.some(
				(event) =>
					event.target === actions ||
					(event instanceof Y.YMapEvent &&
						event.target._item?.parent === actions &&
						event.keysChanged.has('ref'))
			);
			if (touchesRefs) this.#dirty = true;
		});
	}

	/** Gives refs to actions that lack one; call right after applying a client's update. */
	afterUpdate(): void {
		if (!this.#dirty) return;
		this.#dirty = false;
		try {
			assignActionRefs(this.#doc, REF_ORIGIN);
		} catch (error) {
			// A fault here must not cost anyone their connection: the actions stay without a ref
			// (shown as provisional) until the next update tries again.
			this.#dirty = true;
			console.error('[sync] could not assign action refs:', error);
		}
	}
}
