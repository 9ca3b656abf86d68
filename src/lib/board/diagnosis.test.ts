import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { initBoard, listPillars } from './board-doc.ts';
import { DEFAULT_SCALE } from './diagnosis-scale.ts';
import {
	DIAGNOSIS_ROOT,
	emptyDiagnosis,
	finishedPartners,
	readDiagnosis,
	writeDiagnosis,
	type DiagnosisState
} from './diagnosis.ts';

function board(): Y.Doc {
	const doc = new Y.Doc();
	initBoard(doc, { title: 'T', place: 'P', preset: 'cles' });
	return doc;
}

const open = (fields: Partial<DiagnosisState> = {}): DiagnosisState => ({
	...emptyDiagnosis(),
	status: 'open',
	...fields
});

describe('the diagnosis on the board', () => {
	it('reads as closed on the default scale on a board that never had one', () => {
		expect(readDiagnosis(board())).toEqual(emptyDiagnosis());
		expect(emptyDiagnosis().scale).toEqual(DEFAULT_SCALE);
	});

	it('round-trips what the server writes, scores included once revealed', () => {
		const doc = board();
		const state: DiagnosisState = {
			status: 'revealed',
			scale: { min: 0, max: 3, minLabel: 'None', maxLabel: 'Fully' },
			scored: new Map([['kbc', ['spend', 'land']]]),
			scores: [
				{ partnerId: 'kbc', pillar: 'spend', score: 3, note: 'Local lots' },
				{ partnerId: 'kbc', pillar: 'land', score: 0, note: '' }
			],
			revealedAt: 5,
			shownAt: 6
		};
		writeDiagnosis(doc, state);
		expect(readDiagnosis(doc)).toEqual(state);
	});

	it('writes nothing when the state is unchanged, and only what changed otherwise', () => {
		const doc = board();
		writeDiagnosis(doc, open({ scored: new Map([['kbc', ['spend']]]) }));
		const updates: Uint8Array[] = [];
		doc.on('update', (update: Uint8Array) => updates.push(update));
		writeDiagnosis(doc, open({ scored: new Map([['kbc', ['spend']]]) }));
		expect(updates).toHaveLength(0);
		const scored = doc.getMap(DIAGNOSIS_ROOT).get('scored') as Y.Map<unknown>;
		const before = scored.get('kbc');
		writeDiagnosis(
			doc,
			open({
				scored: new Map([
					['kbc', ['spend']],
					['kth', ['land']]
				])
			})
		);
		expect(scored.get('kbc')).toBe(before);
		expect(readDiagnosis(doc).scored.get('kth')).toEqual(['land']);
	});

	it('takes the scores away again when the diagnosis is reopened', () => {
		const doc = board();
		writeDiagnosis(doc, {
			...open(),
			status: 'revealed',
			scores: [{ partnerId: 'kbc', pillar: 'spend', score: 4, note: '' }]
		});
		writeDiagnosis(doc, open());
		expect(readDiagnosis(doc).scores).toEqual([]);
	});

	it('ignores what a foreign client wrote in the wrong shape', () => {
		const doc = board();
		const map = doc.getMap(DIAGNOSIS_ROOT);
		map.set('status', 'exploded');
		map.set('scaleMax', 'five');
		map.set('scores', Y.Array.from([{ partnerId: 'kbc', pillar: 'spend', score: 3 }]));
		expect(readDiagnosis(doc)).toMatchObject({
			status: 'closed',
			scale: DEFAULT_SCALE,
			scores: []
		});
	});

	it('counts a partner as finished once it has scored every pillar on the board', () => {
		const doc = board();
		const keys = listPillars(doc).map((pillar) => pillar.key);
		const state = open({
			scored: new Map([
				['kbc', keys],
				['kth', keys.slice(1)]
			])
		});
		expect([...finishedPartners(state, listPillars(doc))]).toEqual(['kbc']);
		expect(finishedPartners(state, []).size).toBe(0);
	});
});
