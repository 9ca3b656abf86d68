/**
 * The diagnosis in the database: the facilitator opens, closes and reveals it and sets its scale;
 * partners' members save their organisation's scores while it is open. Scores are read here only
 * for their own organisation, or by the reveal; what everyone may see is mirrored onto the board
 * by diagnosis-board.ts after each change.
 */
import { and, eq } from 'drizzle-orm';
import { WRITE_TRANSACTION, type Db } from './db/index.ts';
import {
	diagnoses,
	diagnosisScores,
	type Diagnosis,
	type DiagnosisStatusValue
} from './db/schema.ts';
import {
	DEFAULT_SCALE,
	cleanNote,
	cleanScale,
	scaleProblem,
	scoreProblem,
	type DiagnosisScale
} from '../board/diagnosis-scale.ts';
import type { PillarScore } from '../board/diagnosis.ts';
import { recordAudit, type Actor } from './audit.ts';

/** An answer to a request: done, or refused with an HTTP status and a sentence. */
export type DiagnosisResult = { ok: true } | { ok: false; status: number; message: string };

/** What the facilitator can do to the diagnosis as a whole. */
export const DIAGNOSIS_STEPS = ['open', 'close', 'reveal', 'show'] as const;
export type DiagnosisStep = (typeof DIAGNOSIS_STEPS)[number];

/** One pillar's score as a partner sends it; a null score takes that pillar's score away. */
export interface ScoreEntry {
	pillar: string;
	score: number | null;
	note: string;
}

function refuse(status: number, message: string): DiagnosisResult {
	return { ok: false, status, message };
}

/** A workshop's diagnosis (as it would be before anything was set, if nothing was). */
export function getDiagnosis(db: Db, workshopId: string): Diagnosis {
	const row = db.select().from(diagnoses).where(eq(diagnoses.workshopId, workshopId)).get();
	return (
		row ?? {
			workshopId,
			status: 'closed',
			scaleMin: DEFAULT_SCALE.min,
			scaleMax: DEFAULT_SCALE.max,
			minLabel: DEFAULT_SCALE.minLabel,
			maxLabel: DEFAULT_SCALE.maxLabel,
			revealedAt: null,
			shownAt: null,
			updatedAt: 0
		}
	);
}

/** The scale of a diagnosis row. */
export function scaleOf(row: Diagnosis): DiagnosisScale {
	return { min: row.scaleMin, max: row.scaleMax, minLabel: row.minLabel, maxLabel: row.maxLabel };
}

function saveDiagnosis(db: Db, row: Diagnosis): void {
	const next = { ...row, updatedAt: Date.now() };
	db.insert(diagnoses)
		.values(next)
		.onConflictDoUpdate({ target: diagnoses.workshopId, set: next })
		.run();
}

/** Every score given in a workshop, or only one partner's. */
export function listScores(db: Db, workshopId: string, partnerId?: string): PillarScore[] {
	return db
		.select({
			partnerId: diagnosisScores.partnerId,
			pillar: diagnosisScores.pillar,
			score: diagnosisScores.score,
			note: diagnosisScores.note
		})
		.from(diagnosisScores)
		.where(
			partnerId === undefined
				? eq(diagnosisScores.workshopId, workshopId)
				: and(eq(diagnosisScores.workshopId, workshopId), eq(diagnosisScores.partnerId, partnerId))
		)
		.orderBy(diagnosisScores.partnerId, diagnosisScores.pillar)
		.all();
}

/** Sets the scale. Refused once revealed, or if scores already given would fall outside it. */
export function setDiagnosisScale(
	db: Db,
	workshopId: string,
	scale: DiagnosisScale
): DiagnosisResult {
	const clean = cleanScale(scale);
	const problem = scaleProblem(clean);
	if (problem) return refuse(400, problem);
	return db.transaction((tx) => {
		const db = tx as unknown as Db;
		const row = getDiagnosis(db, workshopId);
		if (row.status === 'revealed') {
			return refuse(409, 'The scores are revealed: open the diagnosis again to change its scale.');
		}
		const outside = listScores(db, workshopId).filter((each) => scoreProblem(clean, each.score));
		if (outside.length > 0) {
			return refuse(
				409,
				`${outside.length === 1 ? 'A score' : `${outside.length} scores`} already given would fall outside ${clean.min}–${clean.max}; pick a scale that includes them.`
			);
		}
		saveDiagnosis(db, {
			...row,
			scaleMin: clean.min,
			scaleMax: clean.max,
			minLabel: clean.minLabel,
			maxLabel: clean.maxLabel
		});
		return { ok: true };
	}, WRITE_TRANSACTION);
}

const STEP_FROM: Record<DiagnosisStep, { from: DiagnosisStatusValue[]; refusal: string }> = {
	open: { from: ['closed', 'revealed'], refusal: 'Scoring is open already.' },
	close: { from: ['open'], refusal: 'Scoring is not open.' },
	reveal: { from: ['open', 'closed'], refusal: 'The scores are revealed already.' },
	show: { from: ['revealed'], refusal: 'Reveal the scores before showing the heat map.' }
};

/**
 * Takes the diagnosis a step: open scoring (again: that hides revealed scores until the next
 * reveal), close it, reveal the scores (closing scoring), or show the heat map to everyone.
 */
export function stepDiagnosis(
	db: Db,
	input: { workshopId: string; step: DiagnosisStep; actor: Actor },
	now = Date.now()
): DiagnosisResult {
	const { workshopId, step, actor } = input;
	return db.transaction((tx) => {
		const db = tx as unknown as Db;
		const row = getDiagnosis(db, workshopId);
		if (!STEP_FROM[step].from.includes(row.status)) return refuse(409, STEP_FROM[step].refusal);
		if (step === 'open')
			saveDiagnosis(db, { ...row, status: 'open', revealedAt: null, shownAt: null });
		if (step === 'close') saveDiagnosis(db, { ...row, status: 'closed' });
		if (step === 'show') saveDiagnosis(db, { ...row, shownAt: now });
		if (step === 'reveal') {
			saveDiagnosis(db, { ...row, status: 'revealed', revealedAt: now, shownAt: now });
			const partners = new Set(listScores(db, workshopId).map((each) => each.partnerId)).size;
			recordAudit(db, {
				workshopId,
				actor,
				action: 'diagnosis.revealed',
				detail: `Revealed the diagnosis heat map (${partners} ${partners === 1 ? 'partner' : 'partners'} scored).`
			});
		}
		return { ok: true };
	}, WRITE_TRANSACTION);
}

/**
 * Saves a partner organisation's scores (only the pillars sent; a null score takes one away),
 * while scoring is open. `pillars` are the keys of the pillars on the board now.
 */
export function saveScores(
	db: Db,
	input: {
		workshopId: string;
		partnerId: string;
		user: { id: string; name: string };
		entries: ScoreEntry[];
		pillars: string[];
	}
): DiagnosisResult {
	const { workshopId, partnerId, user, entries, pillars } = input;
	const seen = new Set<string>();
	for (const entry of entries) {
		if (!pillars.includes(entry.pillar)) {
			return refuse(400, `There is no pillar "${entry.pillar}" on this board.`);
		}
		if (seen.has(entry.pillar)) return refuse(400, 'Send each pillar’s score once.');
		seen.add(entry.pillar);
	}
	return db.transaction((tx) => {
		const db = tx as unknown as Db;
		const row = getDiagnosis(db, workshopId);
		if (row.status !== 'open') {
			return refuse(409, 'Scoring is not open: the facilitator opens it during the diagnosis.');
		}
		const scale = scaleOf(row);
		for (const entry of entries) {
			const problem = entry.score === null ? null : scoreProblem(scale, entry.score);
			if (problem) return refuse(400, problem);
		}
		const now = Date.now();
		for (const { pillar, score, note } of entries) {
			const key = and(
				eq(diagnosisScores.workshopId, workshopId),
				eq(diagnosisScores.partnerId, partnerId),
				eq(diagnosisScores.pillar, pillar)
			);
			if (score === null) {
				db.delete(diagnosisScores).where(key).run();
				continue;
			}
			const values = {
				score,
				note: cleanNote(note),
				userId: user.id,
				userName: user.name,
				updatedAt: now
			};
			db.insert(diagnosisScores)
				.values({ workshopId, partnerId, pillar, ...values })
				.onConflictDoUpdate({
					target: [diagnosisScores.workshopId, diagnosisScores.partnerId, diagnosisScores.pillar],
					set: values
				})
				.run();
		}
		return { ok: true };
	}, WRITE_TRANSACTION);
}

/** Which pillars each partner has scored (keys in order), without the scores. */
export function scoredPillars(db: Db, workshopId: string): Map<string, string[]> {
	const scored = new Map<string, string[]>();
	for (const { partnerId, pillar } of listScores(db, workshopId)) {
		scored.set(partnerId, [...(scored.get(partnerId) ?? []), pillar]);
	}
	return scored;
}
