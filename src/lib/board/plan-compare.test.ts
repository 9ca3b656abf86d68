import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addAction, listActions } from './actions.ts';
import { addPartner, initBoard, rootMap, ROOT } from './board-doc.ts';
import { comparePlans, describeComparison, fieldValueText } from './plan-compare.ts';
import { buildPlanExport, type PlanExport } from './plan-export.ts';

function planOf(doc: Y.Doc): PlanExport {
	return buildPlanExport(doc, {
		workshop: { id: 'w', date: null },
		version: { kind: 'current', id: null, name: '', savedAt: '', hash: null }
	});
}

describe('comparePlans', () => {
	it('finds actions added, removed and changed field by field, over every field of the model', () => {
		const doc = new Y.Doc();
		initBoard(doc, { title: 'Plan', place: 'Tobar Mhoire', preset: 'cles' });
		const lead = addPartner(doc, {
			code: 'CnES',
			name: 'Comhairle nan Eilean Siar',
			type: 'council',
			colour: '#000000'
		});
		addAction(doc, { ref: 'SP-01', pillar: 'spend', title: 'Keep', lead });
		addAction(doc, { ref: 'SP-02', pillar: 'spend', title: 'Change me' });
		addAction(doc, { ref: 'LA-01', pillar: 'land', title: 'Remove me' });
		const before = planOf(doc);

		const byRef = (ref: string) => listActions(doc).find((action) => action.ref === ref)!;
		const change = byRef('SP-02');
		const remove = byRef('LA-01');
		const record = rootMap(doc, ROOT.actions).get(change.id)!;
		record.set('rag', 'amber');
		record.set('estimatedCost', 12_500);
		record.set('lead', lead);
		rootMap(doc, ROOT.actions).delete(remove.id);
		addAction(doc, { ref: 'FI-01', pillar: 'finance', title: 'New' });
		const comparison = comparePlans(before, planOf(doc));

		expect(comparison.added.map((a) => a.ref)).toEqual(['FI-01']);
		expect(comparison.removed.map((a) => a.ref)).toEqual([remove.ref]);
		expect(comparison.changed).toHaveLength(1);
		expect(comparison.changed[0].changes.map((c) => c.field).sort()).toEqual([
			'estimatedCost',
			'lead',
			'leadStatus', // naming a lead makes it await that partner's acceptance
			'rag'
		]);
		const leadChange = comparison.changed[0].changes.find((c) => c.field === 'lead')!;
		expect(fieldValueText(leadChange.before)).toBe('—');
		expect(fieldValueText(leadChange.after)).toBe('Comhairle nan Eilean Siar (CnES)');
		expect(describeComparison(comparison)).toBe(
			`1 action added (FI-01), 1 changed (${comparison.changed[0].ref}), 1 removed (${remove.ref}).`
		);
	});

	it('says so when nothing changed', () => {
		const doc = new Y.Doc();
		initBoard(doc, { title: 'Plan', place: 'Place', preset: 'cles' });
		addAction(doc, { pillar: 'spend', title: 'Same' });
		expect(describeComparison(comparePlans(planOf(doc), planOf(doc)))).toBe(
			'No changes to actions.'
		);
	});
});
