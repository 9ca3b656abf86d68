/**
 * Reading the diagnosis endpoints' JSON bodies into typed requests, with a sentence for anything
 * malformed. Shapes only: whether a score fits the scale or a pillar is on the board is decided
 * by diagnosis.ts, which knows the workshop.
 */
import { MAX_NOTE_LENGTH, type DiagnosisScale } from '../board/diagnosis-scale.ts';
import { DIAGNOSIS_STEPS, type DiagnosisStep, type ScoreEntry } from './diagnosis.ts';

/** A parsed body, or the sentence saying what is wrong with it. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** What the facilitator asks for: a step, or a new scale. */
export type FacilitatorRequest = { step: DiagnosisStep } | { scale: DiagnosisScale };

/** Most pillars a board may be scored on in one request (more is surely not a form). */
const MAX_ENTRIES = 50;

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads `{ "step": "open" | "close" | "reveal" | "show" }` or `{ "scale": { … } }`. */
export function parseFacilitatorRequest(body: unknown): Parsed<FacilitatorRequest> {
	if (isRecord(body) && typeof body.step === 'string') {
		const step = body.step;
		if ((DIAGNOSIS_STEPS as readonly string[]).includes(step)) {
			return { ok: true, value: { step: step as DiagnosisStep } };
		}
		return { ok: false, message: `"step" must be one of ${DIAGNOSIS_STEPS.join(', ')}.` };
	}
	if (isRecord(body) && isRecord(body.scale)) {
		const { min, max, minLabel = '', maxLabel = '' } = body.scale;
		if (typeof min !== 'number' || typeof max !== 'number') {
			return { ok: false, message: 'A scale needs a lowest and a highest score ("min", "max").' };
		}
		if (typeof minLabel !== 'string' || typeof maxLabel !== 'string') {
			return { ok: false, message: 'Words for the ends of the scale must be text.' };
		}
		return { ok: true, value: { scale: { min, max, minLabel, maxLabel } } };
	}
	return { ok: false, message: 'Send a "step" to take, or a "scale" to set.' };
}

/** Reads `{ "scores": [{ "pillar": "spend", "score": 3 | null, "note": "…" }, …] }`. */
export function parseScores(body: unknown): Parsed<ScoreEntry[]> {
	if (!isRecord(body) || !Array.isArray(body.scores)) {
		return {
			ok: false,
			message: 'Send the scores as { "scores": [{ "pillar", "score", "note" }] }.'
		};
	}
	if (body.scores.length > MAX_ENTRIES) {
		return { ok: false, message: `Send at most ${MAX_ENTRIES} scores at once.` };
	}
	const entries: ScoreEntry[] = [];
	for (const item of body.scores) {
		if (!isRecord(item) || typeof item.pillar !== 'string') {
			return { ok: false, message: 'Each score needs the key of its pillar ("pillar").' };
		}
		const { score = null, note = '' } = item;
		if (score !== null && typeof score !== 'number') {
			return { ok: false, message: 'A score is a number, or null to take it away.' };
		}
		if (typeof note !== 'string') return { ok: false, message: 'An evidence note is text.' };
		if (note.trim().length > MAX_NOTE_LENGTH) {
			return { ok: false, message: `Keep each evidence note to ${MAX_NOTE_LENGTH} characters.` };
		}
		entries.push({ pillar: item.pillar, score, note });
	}
	return { ok: true, value: entries };
}
