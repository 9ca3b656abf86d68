/**
 * Saved versions of a board (issue 7, part 1): named by a facilitator, automatic at the end of a
 * session and at most hourly while a board is active, and saved before every restore. A version
 * is the board's whole Yjs state; its SHA-256 is stored beside it and the row is never changed.
 */
import { createHash } from 'node:crypto';
import { and, desc, eq, max } from 'drizzle-orm';
import * as Y from 'yjs';
import { newId } from '../board/board-doc.ts';
import { updateToRestore } from '../board/board-replace.ts';
import { comparePlans, describeComparison, type PlanComparison } from '../board/plan-compare.ts';
import { buildPlanExport, type PlanExport } from '../board/plan-export.ts';
import { listCards } from '../board/cards.ts';
import { recordAudit, type Actor } from './audit.ts';
import type { BoardStore } from './board-store.ts';
import type { Db } from './db/index.ts';
import { WRITE_TRANSACTION } from './db/index.ts';
import { boardVersions, type BoardVersion, type VersionKind } from './db/schema.ts';
import { changeBoard, currentBoardState } from './live-boards.ts';

export const MAX_VERSION_NAME_LENGTH = 120;
/** Automatic versions of an active board are at least this far apart. */
export const HOURLY_VERSION_MS = 60 * 60 * 1000;
/** The author of versions nobody saved by hand. */
export const AUTOMATIC: Actor = { id: null, name: 'Pillarboard' };

/** A version without its bytes: what lists show. */
export type VersionInfo = Omit<BoardVersion, 'state'>;

const INFO_COLUMNS = {
	id: boardVersions.id,
	workshopId: boardVersions.workshopId,
	number: boardVersions.number,
	name: boardVersions.name,
	kind: boardVersions.kind,
	authorId: boardVersions.authorId,
	authorName: boardVersions.authorName,
	contentHash: boardVersions.contentHash,
	summary: boardVersions.summary,
	createdAt: boardVersions.createdAt
};

/** SHA-256 of a version's bytes, hex. */
export function hashState(state: Uint8Array): string {
	return createHash('sha256').update(state).digest('hex');
}

/** A document holding a saved state (destroy it when done). */
export function docOf(state: Uint8Array): Y.Doc {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, state);
	return doc;
}

/** The export model of a stored state, for comparing (no workshop or version context). */
function planOf(state: Uint8Array): { plan: PlanExport; cards: number } {
	const doc = docOf(state);
	try {
		const plan = buildPlanExport(doc, {
			workshop: { id: '', date: null },
			version: { kind: 'current', id: null, name: '', savedAt: '', hash: null }
		});
		return { plan, cards: listCards(doc).length };
	} finally {
		doc.destroy();
	}
}

/** What changed between two stored states of a board. */
export function compareStates(before: Uint8Array, after: Uint8Array): PlanComparison {
	return comparePlans(planOf(before).plan, planOf(after).plan);
}

/** One sentence for the history: what changed from `before` (null: first version) to `after`. */
export function summariseChange(before: Uint8Array | null, after: Uint8Array): string {
	const now = planOf(after);
	const actions = now.plan.pillars.reduce((sum, pillar) => sum + pillar.actions.length, 0);
	if (!before) return `First version: ${actions} actions, ${now.cards} cards.`;
	const old = planOf(before);
	const sentence = describeComparison(comparePlans(old.plan, now.plan));
	const cards = now.cards - old.cards;
	if (cards === 0) return sentence;
	return `${sentence} ${Math.abs(cards)} ${Math.abs(cards) === 1 ? 'card' : 'cards'} ${cards > 0 ? 'added' : 'removed'}.`;
}

/** Whether two stored states hold the same document (same items, same deletions). */
export function sameState(a: Uint8Array, b: Uint8Array): boolean {
	const [x, y] = [docOf(a), docOf(b)];
	try {
		return Y.equalSnapshots(Y.snapshot(x), Y.snapshot(y));
	} finally {
		x.destroy();
		y.destroy();
	}
}

/** A workshop's versions, newest first, without their bytes. */
export function listVersions(db: Db, workshopId: string): VersionInfo[] {
	return db
		.select(INFO_COLUMNS)
		.from(boardVersions)
		.where(eq(boardVersions.workshopId, workshopId))
		.orderBy(desc(boardVersions.number))
		.all();
}

/** One version of a workshop, with its bytes, or null. */
export function getVersion(db: Db, workshopId: string, versionId: string): BoardVersion | null {
	return (
		db
			.select()
			.from(boardVersions)
			.where(and(eq(boardVersions.workshopId, workshopId), eq(boardVersions.id, versionId)))
			.get() ?? null
	);
}

/** The newest version of a workshop, with its bytes, or null. */
export function latestVersion(db: Db, workshopId: string): BoardVersion | null {
	return (
		db
			.select()
			.from(boardVersions)
			.where(eq(boardVersions.workshopId, workshopId))
			.orderBy(desc(boardVersions.number))
			.limit(1)
			.get() ?? null
	);
}

/** Saves a state as the workshop's next version and records it in the audit log. */
export function saveVersion(
	db: Db,
	input: { workshopId: string; state: Uint8Array; name: string; kind: VersionKind; actor: Actor },
	now = Date.now()
): BoardVersion {
	return db.transaction((tx) => {
		const previous = latestVersion(tx as unknown as Db, input.workshopId);
		const last = tx
			.select({ number: max(boardVersions.number) })
			.from(boardVersions)
			.where(eq(boardVersions.workshopId, input.workshopId))
			.get();
		const version: BoardVersion = {
			id: newId(),
			workshopId: input.workshopId,
			number: (last?.number ?? 0) + 1,
			name: input.name.trim().slice(0, MAX_VERSION_NAME_LENGTH),
			kind: input.kind,
			authorId: input.actor.id,
			authorName: input.actor.name,
			state: Buffer.from(input.state),
			contentHash: hashState(input.state),
			summary: summariseChange(previous?.state ?? null, input.state),
			createdAt: now
		};
		tx.insert(boardVersions).values(version).run();
		recordAudit(
			tx as unknown as Db,
			{
				workshopId: input.workshopId,
				actor: input.actor,
				action: 'version.saved',
				detail: `Saved version ${version.number} "${version.name}": ${version.summary}`
			},
			now
		);
		return version;
	}, WRITE_TRANSACTION);
}

/** Saves the board as it is now under a facilitator's name for it. */
export function saveNamedVersion(
	db: Db,
	store: BoardStore,
	input: { workshopId: string; name: string; actor: Actor }
): BoardVersion {
	const state = currentBoardState(store, input.workshopId);
	return saveVersion(db, { ...input, state, kind: 'named' });
}

/**
 * Saves an automatic version of a board's state unless nothing changed since the latest
 * version; returns it, or null when it was not needed.
 */
export function saveAutomaticVersion(
	db: Db,
	input: { workshopId: string; state: Uint8Array; kind: 'session' | 'hourly' },
	now = Date.now()
): BoardVersion | null {
	const previous = latestVersion(db, input.workshopId);
	if (previous && sameState(previous.state, input.state)) return null;
	const when = new Date(now).toLocaleString('en-GB', {
		dateStyle: 'medium',
		timeStyle: 'short',
		timeZone: 'Europe/London'
	});
	const name = input.kind === 'session' ? `End of session, ${when}` : `Hourly save, ${when}`;
	return saveVersion(db, { ...input, name, actor: AUTOMATIC }, now);
}

/** Whether an active board is due an hourly version. */
export function isHourlyVersionDue(db: Db, workshopId: string, now = Date.now()): boolean {
	const last = db
		.select({ at: max(boardVersions.createdAt) })
		.from(boardVersions)
		.where(eq(boardVersions.workshopId, workshopId))
		.get();
	return !last?.at || now - last.at >= HOURLY_VERSION_MS;
}

/**
 * Restores a version: first saves the board as it is now (so nothing is lost), then changes the
 * board to equal the version, live for everyone connected. Returns the version saved first.
 */
export function restoreVersion(
	db: Db,
	store: BoardStore,
	input: { workshopId: string; version: BoardVersion; actor: Actor }
): BoardVersion {
	const { workshopId, version, actor } = input;
	const current = currentBoardState(store, workshopId);
	const kept = saveVersion(db, {
		workshopId,
		state: current,
		name: `Before restoring version ${version.number}`,
		kind: 'before-restore',
		actor
	});
	changeBoard(store, workshopId, (state) => updateToRestore(state, version.state));
	recordAudit(db, {
		workshopId,
		actor,
		action: 'version.restored',
		detail: `Restored version ${version.number} "${version.name}"; the board before it is kept as version ${kept.number}.`
	});
	return kept;
}
