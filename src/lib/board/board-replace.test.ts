import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addAction, listActions } from './actions.ts';
import { addPartner, initBoard, listPartners } from './board-doc.ts';
import { updateToRestore } from './board-replace.ts';
import { listStages } from './agenda.ts';
import { emptyDiagnosis, readDiagnosis, writeDiagnosis } from './diagnosis.ts';
import { enterStage, initFacilitation, readFacilitation, setLaneLock } from './facilitation.ts';
import { buildPlanExport } from './plan-export.ts';

const context = {
	workshop: { id: 'w', date: null },
	version: { kind: 'current' as const, id: null, name: 'Current', savedAt: '', hash: null }
};

describe('updateToRestore', () => {
	it('makes a changed board equal to the earlier state again, as one update other replicas can apply', () => {
		const live = new Y.Doc();
		initBoard(live, { title: 'Plan', place: 'Ynys Môn', preset: 'cles' });
		const lead = addPartner(live, {
			code: 'IOACC',
			name: 'Cyngor Sir Ynys Môn',
			type: 'council',
			colour: '#123456'
		});
		addAction(live, { pillar: 'spend', title: 'Buy local – £2m', lead });
		const saved = Y.encodeStateAsUpdate(live);
		const replica = new Y.Doc();
		Y.applyUpdate(replica, saved);

		addAction(live, { pillar: 'land', title: 'Added later' });
		addPartner(live, { code: 'NEW', name: 'New partner', type: 'other', colour: '#000000' });
		const [first] = listActions(live);
		live.getMap('actions').delete(first.id);
		Y.applyUpdate(replica, Y.encodeStateAsUpdate(live, Y.encodeStateVector(replica)));

		const update = updateToRestore(Y.encodeStateAsUpdate(live), saved);
		Y.applyUpdate(live, update);
		Y.applyUpdate(replica, update);

		const expected = new Y.Doc();
		Y.applyUpdate(expected, saved);
		for (const doc of [live, replica]) {
			expect(listActions(doc).map((action) => action.title)).toEqual(['Buy local – £2m']);
			expect(listPartners(doc).map((partner) => partner.code)).toEqual(['IOACC']);
			const { pillars } = buildPlanExport(doc, context);
			expect(pillars).toEqual(buildPlanExport(expected, context).pillars);
		}
	});

	it('is an empty change when the board already equals the earlier state', () => {
		const live = new Y.Doc();
		initBoard(live, { title: 'Plan', place: 'Place', preset: 'cles' });
		const saved = Y.encodeStateAsUpdate(live);
		const before = Y.encodeStateVector(live);
		Y.applyUpdate(live, updateToRestore(Y.encodeStateAsUpdate(live), saved));
		expect(Y.encodeStateVector(live)).toEqual(before);
	});

	it('leaves the diagnosis as the server last wrote it, whatever the version held', () => {
		const live = new Y.Doc();
		initBoard(live, { title: 'Plan', place: 'Ynys Môn', preset: 'cles' });
		writeDiagnosis(live, { ...emptyDiagnosis(), status: 'open' });
		const saved = Y.encodeStateAsUpdate(live);
		const revealed = {
			...emptyDiagnosis(),
			status: 'revealed' as const,
			scores: [{ partnerId: 'p', pillar: 'spend', score: 4, note: '' }]
		};
		writeDiagnosis(live, revealed);
		Y.applyUpdate(live, updateToRestore(Y.encodeStateAsUpdate(live), saved));
		expect(readDiagnosis(live)).toEqual(revealed);
	});

	it('leaves the workshop’s stage, timer, locks and private mode as they are now', () => {
		const live = new Y.Doc();
		initBoard(live, { title: 'Plan', place: 'Ynys Môn', preset: 'cles' });
		initFacilitation(live);
		const saved = Y.encodeStateAsUpdate(live);
		const ideate = listStages(live).find((stage) => stage.name === 'Ideate')!;
		enterStage(live, ideate.id, 1_000);
		setLaneLock(live, 'spend', true);
		const now = readFacilitation(live);
		Y.applyUpdate(live, updateToRestore(Y.encodeStateAsUpdate(live), saved));
		expect(readFacilitation(live)).toEqual(now);
		expect(now.privateMode).toBe(true);
	});
});
