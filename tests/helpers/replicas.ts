/**
 * Comparing replicas of a board. A state vector says which insertions a document has seen, but
 * not which deletions, so "identical" here means the same Yjs snapshot: state vector and delete
 * set both.
 */
import * as Y from 'yjs';
import { listActions } from '../../src/lib/board/actions.ts';
import { listCards } from '../../src/lib/board/cards.ts';
import { waitFor } from './wait.ts';

/** Whether two documents hold exactly the same insertions and deletions. */
export function sameState(a: Y.Doc, b: Y.Doc): boolean {
	return Y.equalSnapshots(Y.snapshot(a), Y.snapshot(b));
}

/** Waits until every document holds exactly the same state as the first. */
export async function waitForIdenticalReplicas(
	docs: () => Y.Doc[],
	what: string,
	timeoutMs = 20_000
): Promise<void> {
	const stateVector = (doc: Y.Doc) => Buffer.from(Y.encodeStateVector(doc)).toString('hex');
	await waitFor(
		() => {
			const [first, ...others] = docs();
			// State vectors first: cheap, and they differ for most of the wait.
			const vector = stateVector(first);
			return (
				others.every((doc) => stateVector(doc) === vector) &&
				others.every((doc) => sameState(first, doc))
			);
		},
		what,
		timeoutMs
	);
}

/** Whether `doc` already holds every insertion and deletion that `other` holds. */
export function holdsEverythingOf(doc: Y.Doc, other: Y.Doc): boolean {
	const have = Y.decodeStateVector(Y.encodeStateVector(doc));
	for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(other))) {
		if ((have.get(client) ?? 0) < clock) return false;
	}
	// Every insertion of `other` is known, so applying it can only add deletions.
	const merged = new Y.Doc();
	Y.applyUpdate(merged, Y.encodeStateAsUpdate(doc));
	const before = Y.snapshot(merged);
	Y.applyUpdate(merged, Y.encodeStateAsUpdate(other));
	const unchanged = Y.equalSnapshots(before, Y.snapshot(merged));
	merged.destroy();
	return unchanged;
}

/** The board as plain data (its cards and actions), for comparing what people would see. */
export function boardContent(doc: Y.Doc): string {
	return JSON.stringify({ cards: listCards(doc), actions: listActions(doc) });
}
