/**
 * The scale partners score themselves on in the diagnosis (DESIGN §2, stage 3): whole numbers from
 * `min` to `max`, 1–5 unless the facilitator picks another, with optional words for the two ends.
 * Pure rules, shared by the facilitator's form, the partners' form and the server that enforces
 * them.
 */

/** A diagnosis scale: whole numbers from `min` to `max`, and words for its ends ('' for none). */
export interface DiagnosisScale {
	min: number;
	max: number;
	/** What the lowest score means, e.g. "Just starting". */
	minLabel: string;
	/** What the highest score means, e.g. "Leading". */
	maxLabel: string;
}

/** The scale a new diagnosis starts with. */
export const DEFAULT_SCALE: DiagnosisScale = {
	min: 1,
	max: 5,
	minLabel: 'Just starting',
	maxLabel: 'Leading'
};

/** Bounds of any scale: a heat map of more than eleven shades stops being readable. */
export const SCALE_FLOOR = 0;
export const SCALE_CEILING = 10;
/** Longest word for an end of the scale, and longest evidence note. */
export const MAX_SCALE_LABEL = 40;
export const MAX_NOTE_LENGTH = 500;

/** Why a scale cannot be used, as a sentence, or null when it can. */
export function scaleProblem(scale: DiagnosisScale): string | null {
	const { min, max } = scale;
	if (!Number.isInteger(min) || !Number.isInteger(max)) {
		return 'The lowest and highest scores must be whole numbers.';
	}
	if (min < SCALE_FLOOR || max > SCALE_CEILING) {
		return `Scores must lie between ${SCALE_FLOOR} and ${SCALE_CEILING}.`;
	}
	if (max <= min) return 'The highest score must be above the lowest.';
	if (scale.minLabel.length > MAX_SCALE_LABEL || scale.maxLabel.length > MAX_SCALE_LABEL) {
		return `Words for the ends of the scale may be at most ${MAX_SCALE_LABEL} characters.`;
	}
	return null;
}

/** A scale with its words tidied (one line, trimmed); the numbers are left for scaleProblem. */
export function cleanScale(scale: DiagnosisScale): DiagnosisScale {
	const tidy = (label: string) => label.replace(/\s+/g, ' ').trim();
	return { ...scale, minLabel: tidy(scale.minLabel), maxLabel: tidy(scale.maxLabel) };
}

/** Why a score does not fit the scale, as a sentence, or null when it does. */
export function scoreProblem(scale: DiagnosisScale, score: unknown): string | null {
	const fits =
		typeof score === 'number' &&
		Number.isInteger(score) &&
		score >= scale.min &&
		score <= scale.max;
	return fits ? null : `Scores are whole numbers from ${scale.min} to ${scale.max}.`;
}

/** Tidies an evidence note: trimmed, at most MAX_NOTE_LENGTH characters (longer ones are cut). */
export function cleanNote(note: string): string {
	return note.trim().slice(0, MAX_NOTE_LENGTH).trim();
}

/** Every score of the scale, lowest first. */
export function scalePoints(scale: DiagnosisScale): number[] {
	return Array.from({ length: scale.max - scale.min + 1 }, (_, i) => scale.min + i);
}

/** Where a score sits on the scale, from 0 (lowest) to 1 (highest). */
export function scalePosition(scale: DiagnosisScale, score: number): number {
	const span = scale.max - scale.min;
	return span > 0 ? Math.min(1, Math.max(0, (score - scale.min) / span)) : 0;
}

/** The scale in words, e.g. "1 (Just starting) to 5 (Leading)". */
export function describeScale(scale: DiagnosisScale): string {
	const end = (score: number, label: string) => (label ? `${score} (${label})` : `${score}`);
	return `${end(scale.min, scale.minLabel)} to ${end(scale.max, scale.maxLabel)}`;
}
