/**
 * Mirrors the diagnosis onto the board, so that everyone sees it live: whether scoring is open,
 * the scale, which pillars each partner has scored and, once revealed, the scores. Written by the
 * server through `changeBoard` after every change to the diagnosis; before the reveal no score
 * is ever written to the document, so no one's browser can receive another partner's scores.
 */
import type { Db } from './db/index.ts';
import type { BoardStore } from './board-store.ts';
import { editBoard } from './board-edit.ts';
import { getDiagnosis, listScores, scaleOf, scoredPillars } from './diagnosis.ts';
import { writeDiagnosis, type DiagnosisState } from '../board/diagnosis.ts';

/** What the board should say about a workshop's diagnosis now. */
export function publicDiagnosis(db: Db, workshopId: string): DiagnosisState {
	const row = getDiagnosis(db, workshopId);
	return {
		status: row.status,
		scale: scaleOf(row),
		scored: scoredPillars(db, workshopId),
		scores: row.status === 'revealed' ? listScores(db, workshopId) : [],
		revealedAt: row.revealedAt,
		shownAt: row.shownAt
	};
}

/** Writes the diagnosis's public state to the board (only what changed). */
export function publishDiagnosis(db: Db, store: BoardStore, workshopId: string): void {
	const state = publicDiagnosis(db, workshopId);
	editBoard(store, workshopId, (doc) => writeDiagnosis(doc, state));
}
