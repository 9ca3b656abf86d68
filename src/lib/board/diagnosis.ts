/**
 * The diagnosis as the board shows it: the `diagnosis` top-level map, which only the server (and
 * facilitators) write. Partners' self-scores are secret until the facilitator reveals them, so
 * they live in the server's database; this map holds only what everyone may see — whether scoring
 * is open, the scale, which pillars each partner has scored (not the scores) — and, once
 * revealed, the scores and evidence notes themselves.
 */
import * as Y from 'yjs';
import { ROOT, num, str, strList, type YRecord } from './board-doc.ts';
import { DEFAULT_SCALE, type DiagnosisScale } from './diagnosis-scale.ts';
import type { Pillar } from './pillars.ts';

/** Name of the top-level map (facilitator-only: it is not in write-policy's partner list). */
export const DIAGNOSIS_ROOT = ROOT.diagnosis;

export const DIAGNOSIS_STATUSES = ['closed', 'open', 'revealed'] as const;
/** Closed: nobody scores. Open: partners score. Revealed: the heat map is on the board. */
export type DiagnosisStatus = (typeof DIAGNOSIS_STATUSES)[number];

/** One partner's score for one pillar, with its evidence note. */
export interface PillarScore {
	partnerId: string;
	pillar: string;
	score: number;
	note: string;
}

/** Everything the board says about the diagnosis. */
export interface DiagnosisState {
	status: DiagnosisStatus;
	scale: DiagnosisScale;
	/** Keys of the pillars each partner (by id) has scored so far; never the scores. */
	scored: Map<string, string[]>;
	/** The scores, once revealed; empty before. */
	scores: PillarScore[];
	/** When the scores were revealed (milliseconds since the epoch), or null. */
	revealedAt: number | null;
	/** When the facilitator last showed the heat map to everyone, or null. */
	shownAt: number | null;
}

/** The state of a board that has never had a diagnosis. */
export function emptyDiagnosis(): DiagnosisState {
	return {
		status: 'closed',
		scale: { ...DEFAULT_SCALE },
		scored: new Map(),
		scores: [],
		revealedAt: null,
		shownAt: null
	};
}

function diagnosisMap(doc: Y.Doc): Y.Map<unknown> {
	return doc.getMap<unknown>(DIAGNOSIS_ROOT);
}

function optNum(record: YRecord, key: string): number | null {
	const value = record.get(key);
	return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function readScores(value: unknown): PillarScore[] {
	if (!(value instanceof Y.Array)) return [];
	return value.toArray().flatMap((item): PillarScore[] => {
		if (!(item instanceof Y.Map)) return [];
		const score = optNum(item, 'score');
		const partnerId = str(item, 'partnerId');
		const pillar = str(item, 'pillar');
		if (score === null || !partnerId || !pillar) return [];
		return [{ partnerId, pillar, score, note: str(item, 'note') }];
	});
}

/** The diagnosis as the board holds it (defaults for anything missing or malformed). */
export function readDiagnosis(doc: Y.Doc): DiagnosisState {
	const map = diagnosisMap(doc);
	const status = str(map, 'status', 'closed');
	const scored = new Map<string, string[]>();
	const scoredMap = map.get('scored');
	if (scoredMap instanceof Y.Map) {
		scoredMap.forEach((_value, partnerId) => {
			scored.set(partnerId, strList(scoredMap as YRecord, partnerId));
		});
	}
	return {
		status: (DIAGNOSIS_STATUSES as readonly string[]).includes(status)
			? (status as DiagnosisStatus)
			: 'closed',
		scale: {
			min: num(map, 'scaleMin', DEFAULT_SCALE.min),
			max: num(map, 'scaleMax', DEFAULT_SCALE.max),
			minLabel: str(map, 'minLabel', DEFAULT_SCALE.minLabel),
			maxLabel: str(map, 'maxLabel', DEFAULT_SCALE.maxLabel)
		},
		scored,
		scores: readScores(map.get('scores')),
		revealedAt: optNum(map, 'revealedAt'),
		shownAt: optNum(map, 'shownAt')
	};
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
	return a.length === b.length && a.every((item, i) => item === b[i]);
}

function sameScores(a: PillarScore[], b: PillarScore[]): boolean {
	const key = (s: PillarScore) => `${s.partnerId}\u0000${s.pillar}\u0000${s.score}\u0000${s.note}`;
	return sameList(a.map(key), b.map(key));
}

/**
 * Makes the board's `diagnosis` map say `next`, in one transaction, writing only the fields that
 * differ (so an unchanged state writes nothing). For the server: the map is its mirror.
 */
export function writeDiagnosis(doc: Y.Doc, next: DiagnosisState): void {
	const current = readDiagnosis(doc);
	const map = diagnosisMap(doc);
	const set = (key: string, value: unknown) => {
		if (map.get(key) !== value) map.set(key, value);
	};
	doc.transact(() => {
		set('status', next.status);
		set('scaleMin', next.scale.min);
		set('scaleMax', next.scale.max);
		set('minLabel', next.scale.minLabel);
		set('maxLabel', next.scale.maxLabel);
		set('revealedAt', next.revealedAt);
		set('shownAt', next.shownAt);
		let scored = map.get('scored');
		if (!(scored instanceof Y.Map)) {
			scored = new Y.Map<unknown>();
			map.set('scored', scored);
		}
		const scoredMap = scored as Y.Map<unknown>;
		for (const partnerId of [...scoredMap.keys()]) {
			if (!next.scored.has(partnerId)) scoredMap.delete(partnerId);
		}
		for (const [partnerId, pillars] of next.scored) {
			if (sameList(current.scored.get(partnerId) ?? [], pillars) && scoredMap.has(partnerId)) {
				continue;
			}
			scoredMap.set(partnerId, Y.Array.from(pillars));
		}
		if (!sameScores(current.scores, next.scores) || !(map.get('scores') instanceof Y.Array)) {
			const scores = new Y.Array<Y.Map<unknown>>();
			scores.push(
				next.scores.map((score) => {
					const record = new Y.Map<unknown>();
					for (const [key, value] of Object.entries(score)) record.set(key, value);
					return record;
				})
			);
			map.set('scores', scores);
		}
	});
}

/** Ids of the partners that have scored every pillar on the board. */
export function finishedPartners(state: DiagnosisState, pillars: Pillar[]): Set<string> {
	const finished = new Set<string>();
	if (pillars.length === 0) return finished;
	for (const [partnerId, scored] of state.scored) {
		if (pillars.every((pillar) => scored.includes(pillar.key))) finished.add(partnerId);
	}
	return finished;
}

/** Calls `onChange` after every change to the diagnosis map; returns the unsubscriber. */
export function observeDiagnosis(doc: Y.Doc, onChange: () => void): () => void {
	const map = diagnosisMap(doc);
	const handler = () => onChange();
	map.observeDeep(handler);
	return () => map.unobserveDeep(handler);
}
