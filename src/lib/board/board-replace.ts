/**
 * Making a live board equal to an earlier state (restoring a version) as one ordinary edit. The
 * edit is a normal Yjs transaction on the live document, so it is stored and relayed like any
 * other and every connected client simply syncs to it; nothing is reloaded or reset. Records that
 * are already equal are left alone, so people typing in them keep their place.
 */
import * as Y from 'yjs';
import { ROOT } from './board-doc.ts';

function jsonOf(value: unknown): string {
	return JSON.stringify(value instanceof Y.AbstractType ? value.toJSON() : value);
}

/**
 * The maps a restore brings back: the plan and the board's content. Not `diagnosis` or `votes`,
 * which mirror the server's database (an older state would show what the server no longer
 * enforces), nor `facilitation`, which is how the workshop is being run now (its stage, timer and
 * locks), not what was agreed.
 */
const KEPT_ROOTS: ReadonlySet<string> = new Set([ROOT.diagnosis, ROOT.votes, ROOT.facilitation]);
const RESTORED_ROOTS = Object.values(ROOT).filter((name) => !KEPT_ROOTS.has(name));

/** Changes `doc` (in one transaction) so that each restored root map holds what `target`'s does. */
export function replaceBoardContent(doc: Y.Doc, target: Y.Doc, origin: unknown = null): void {
	doc.transact(() => {
		for (const name of RESTORED_ROOTS) {
			const live = doc.getMap<unknown>(name);
			const wanted = target.getMap<unknown>(name);
			for (const key of [...live.keys()]) {
				if (!wanted.has(key)) live.delete(key);
			}
			wanted.forEach((value, key) => {
				if (live.has(key) && jsonOf(live.get(key)) === jsonOf(value)) return;
				live.set(key, value instanceof Y.AbstractType ? value.clone() : value);
			});
		}
	}, origin);
}

/**
 * The update that turns a board whose state is `current` into the content of `target` (both
 * Yjs updates, as stored). Applying it to the live document is the restore.
 */
export function updateToRestore(current: Uint8Array, target: Uint8Array): Uint8Array {
	const doc = new Y.Doc();
	const old = new Y.Doc();
	try {
		Y.applyUpdate(doc, current);
		Y.applyUpdate(old, target);
		const before = Y.encodeStateVector(doc);
		replaceBoardContent(doc, old);
		return Y.encodeStateAsUpdate(doc, before);
	} finally {
		doc.destroy();
		old.destroy();
	}
}
