import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addAction, listActions } from './actions.ts';
import { addPartner, initBoard, listPartners, listPillars } from './board-doc.ts';
import { planCoverage } from './coverage.ts';
import { declineLead } from './lead-acceptance.ts';
import { NO_FILTER, groupByLead, matchesFilter, sortActions } from './plan-view.ts';

function board() {
	const doc = new Y.Doc();
	initBoard(doc, { title: 'T', place: 'P', preset: 'cles' });
	const kbc = addPartner(doc, { code: 'KBC', name: 'Council', type: 'council', colour: '#111111' });
	const kth = addPartner(doc, { code: 'KTH', name: 'Hospital', type: 'nhs', colour: '#222222' });
	const vc = addPartner(doc, { code: 'VC', name: 'College', type: 'college', colour: '#333333' });
	return { doc, kbc, kth, vc };
}

describe('plan coverage and views', () => {
	it('counts actions per pillar and status and names the gaps', () => {
		const { doc, kbc, kth } = board();
		addAction(doc, { pillar: 'spend', lead: kbc, approval: 'agreed', status: 'in-progress' });
		addAction(doc, { pillar: 'spend', lead: kbc, status: 'in-progress' });
		const declined = addAction(doc, { pillar: 'land', lead: kth, status: 'on-hold' });
		declineLead(doc, declined, { partnerId: kth, name: 'Priya' }, 'No land to offer.');
		const coverage = planCoverage(listPillars(doc), listPartners(doc), listActions(doc));
		expect(coverage.pillars[0]).toMatchObject({ total: 2, agreed: 1 });
		expect(coverage.pillars[0].byStatus['in-progress']).toBe(2);
		expect(coverage.totals['on-hold']).toBe(1);
		expect(coverage.pillarsWithoutAgreed.map((pillar) => pillar.key)).toEqual([
			'workforce',
			'land',
			'ownership',
			'finance'
		]);
		expect(coverage.partnersWithoutLead.map((partner) => partner.code)).toEqual(['KTH', 'VC']);
	});

	it('groups by lead partner, filters and sorts', () => {
		const { doc, kbc } = board();
		addAction(doc, { ref: 'SP-01', pillar: 'spend', lead: kbc, rag: 'green' });
		addAction(doc, { ref: 'SP-02', pillar: 'spend', rag: 'red' });
		addAction(doc, { ref: 'WF-01', pillar: 'workforce', lead: kbc, rag: 'amber' });
		const actions = listActions(doc);
		const groups = groupByLead(listPartners(doc), actions);
		expect(groups.map((group) => [group.label, group.actions.length])).toEqual([
			['KBC', 2],
			['KTH', 0],
			['VC', 0],
			['No lead yet', 1]
		]);
		const unled = actions.filter((action) => matchesFilter(action, { ...NO_FILTER, lead: 'none' }));
		expect(unled.map((action) => action.ref)).toEqual(['SP-02']);
		expect(sortActions(actions, 'rag').map((action) => action.ref)).toEqual([
			'SP-02',
			'WF-01',
			'SP-01'
		]);
	});
});
