import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addAction, listActions } from './actions.ts';
import { ROOT, addPartner, initBoard, listPartners, makeRecord, rootMap } from './board-doc.ts';
import {
	actionsUsingPartner,
	checkPartner,
	describePartnerUse,
	removePartner,
	suggestPartnerColour,
	updatePartner,
	type PartnerFields
} from './partners.ts';
import { PARTNER_COLOURS } from './plan-import.ts';

/** A board with three partners and four actions naming them. */
function newBoard() {
	const doc = new Y.Doc();
	initBoard(doc, { title: 'Spring workshop', place: 'Kestrelford & Vale', preset: 'cles' });
	const council = addPartner(doc, {
		code: 'KBC',
		name: 'Kestrelford Borough Council',
		type: 'council',
		colour: '#1f77b4'
	});
	const hospital = addPartner(doc, {
		code: 'KTH',
		name: 'Kestrelford Teaching Hospitals NHS Trust',
		type: 'nhs',
		colour: '#d62728'
	});
	const college = addPartner(doc, {
		code: 'VC',
		name: 'Vale College',
		type: 'college',
		colour: '#2ca02c'
	});
	const sp01 = addAction(doc, {
		ref: 'SP-01',
		pillar: 'spend',
		lead: council,
		supporting: [hospital, college]
	});
	const sp02 = addAction(doc, {
		ref: 'SP-02',
		pillar: 'spend',
		lead: hospital,
		supporting: [council, college]
	});
	const ow03 = addAction(doc, { ref: 'OW-03', pillar: 'ownership', lead: council });
	const fi01 = addAction(doc, { ref: 'FI-01', pillar: 'finance', supporting: [council] });
	return { doc, council, hospital, college, sp01, sp02, ow03, fi01 };
}

/** Sends each replica's changes to the other, as the sync server would. */
function exchange(a: Y.Doc, b: Y.Doc): void {
	const toB = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
	const toA = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
	Y.applyUpdate(b, toB);
	Y.applyUpdate(a, toA);
}

function replicaOf(doc: Y.Doc): Y.Doc {
	const copy = new Y.Doc();
	Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
	return copy;
}

function actionByRef(doc: Y.Doc, ref: string) {
	const action = listActions(doc).find((each) => each.ref === ref);
	if (!action) throw new Error(`no action ${ref}`);
	return action;
}

const VALID: PartnerFields = {
	code: 'RH',
	name: 'Riverstone Homes',
	type: 'housing',
	colour: '#8c564b'
};

describe('checking a partner', () => {
	const { doc } = newBoard();
	const partners = listPartners(doc);

	it('accepts a complete partner with a new code', () => {
		expect(checkPartner(VALID, partners)).toBeNull();
		expect(checkPartner({ ...VALID, code: 'UoK2' }, partners)).toBeNull();
	});

	it('asks for a name of at most 120 characters', () => {
		expect(checkPartner({ ...VALID, name: '  ' }, partners)).toBe(
			'Give the partner organisation a name.'
		);
		expect(checkPartner({ ...VALID, name: 'x'.repeat(121) }, partners)).toBe(
			'Keep the name to 120 characters or fewer.'
		);
		expect(checkPartner({ ...VALID, name: 'x'.repeat(120) }, partners)).toBeNull();
	});

	it('asks for a short code of 1 to 8 letters or digits', () => {
		expect(checkPartner({ ...VALID, code: '' }, partners)).toBe(
			'Give the partner a short code, such as KBC.'
		);
		for (const code of ['K-BC', 'K BC', 'ABCDEFGHI', '<b>']) {
			expect(checkPartner({ ...VALID, code }, partners)).toBe(
				'Use 1 to 8 letters or digits for the short code, such as KBC.'
			);
		}
		expect(checkPartner({ ...VALID, code: 'ABCDEFG8' }, partners)).toBeNull();
	});

	it('refuses a code another partner uses, whatever its case', () => {
		expect(checkPartner({ ...VALID, code: 'kbc' }, partners)).toBe(
			'Kestrelford Borough Council already uses the code KBC.'
		);
	});

	it('lets a partner being edited keep its own code', () => {
		const council = partners.find((partner) => partner.code === 'KBC')!;
		expect(checkPartner({ ...VALID, id: council.id, code: 'KBC' }, partners)).toBeNull();
	});

	it('refuses an unknown type and a colour that is not #rrggbb', () => {
		expect(checkPartner({ ...VALID, type: 'charity' }, partners)).toBe(
			'Choose one of the partner types offered.'
		);
		for (const colour of ['red', '#fff', '#12345g', '1f77b4']) {
			expect(checkPartner({ ...VALID, colour }, partners)).toBe(
				'Choose a colour written as # and six hex digits, such as #1f77b4.'
			);
		}
	});
});

describe('suggesting a colour', () => {
	it('offers the first house colour no partner uses yet', () => {
		const { doc } = newBoard();
		expect(suggestPartnerColour(listPartners(doc))).toBe(PARTNER_COLOURS[3]);
		expect(suggestPartnerColour([])).toBe(PARTNER_COLOURS[0]);
	});
});

describe('editing a partner', () => {
	it('changes the given fields and keeps the others', () => {
		const { doc, college } = newBoard();
		expect(
			updatePartner(doc, college, { name: 'Vale Sixth Form College', colour: '#17becf' })
		).toBe(true);
		expect(listPartners(doc).find((partner) => partner.id === college)).toEqual({
			id: college,
			code: 'VC',
			name: 'Vale Sixth Form College',
			type: 'college',
			colour: '#17becf'
		});
	});

	it('sends the edit as one update', () => {
		const { doc, college } = newBoard();
		let updates = 0;
		doc.on('update', () => updates++);
		updatePartner(doc, college, { code: 'VSFC', name: 'Vale Sixth Form College' });
		expect(updates).toBe(1);
	});

	it('reports a partner that is gone', () => {
		const { doc } = newBoard();
		expect(updatePartner(doc, 'no-such-partner', { name: 'Nobody' })).toBe(false);
		expect(rootMap(doc, ROOT.partners).has('no-such-partner')).toBe(false);
	});
});

describe('actions using a partner', () => {
	it('lists the actions a partner leads and supports, in plan order', () => {
		const { doc, council, sp01, sp02, ow03, fi01 } = newBoard();
		expect(actionsUsingPartner(doc, council)).toEqual({
			lead: [ow03, sp01],
			supporting: [fi01, sp02]
		});
	});

	it('says what a partner is named in, in one sentence', () => {
		const { doc, council, hospital, college } = newBoard();
		expect(describePartnerUse(doc, actionsUsingPartner(doc, council))).toBe(
			'Leads OW-03 and SP-01; supports 2 more actions.'
		);
		expect(describePartnerUse(doc, actionsUsingPartner(doc, hospital))).toBe(
			'Leads SP-02; supports 1 more action.'
		);
		expect(describePartnerUse(doc, actionsUsingPartner(doc, college))).toBe('Supports 2 actions.');
		const unused = addPartner(doc, { ...VALID, type: 'housing' });
		expect(describePartnerUse(doc, actionsUsingPartner(doc, unused))).toBeNull();
	});
});

describe('removing a partner', () => {
	it('gives its actions to another lead and takes it off every supporting list', () => {
		const { doc, council, hospital, college } = newBoard();
		expect(removePartner(doc, council, { reassignLeadTo: college })).toBe(true);
		expect(listPartners(doc).map((partner) => partner.code)).toEqual(['KTH', 'VC']);
		expect(actionByRef(doc, 'SP-01')).toMatchObject({ lead: college, supporting: [hospital] });
		expect(actionByRef(doc, 'OW-03')).toMatchObject({ lead: college, supporting: [] });
		expect(actionByRef(doc, 'SP-02')).toMatchObject({ lead: hospital, supporting: [college] });
		expect(actionByRef(doc, 'FI-01')).toMatchObject({ lead: null, supporting: [] });
		expect(actionsUsingPartner(doc, council)).toEqual({ lead: [], supporting: [] });
	});

	it('leaves its actions without a lead when asked to', () => {
		const { doc, council } = newBoard();
		removePartner(doc, council, { reassignLeadTo: null });
		expect(actionByRef(doc, 'SP-01').lead).toBeNull();
		expect(actionByRef(doc, 'OW-03').lead).toBeNull();
	});

	it('does everything in one update, so no one ever sees half of it', () => {
		const { doc, council, college } = newBoard();
		let updates = 0;
		doc.on('update', () => updates++);
		removePartner(doc, council, { reassignLeadTo: college });
		expect(updates).toBe(1);
	});

	it('refuses an unknown partner or an unknown new lead, changing nothing', () => {
		const { doc, council } = newBoard();
		const before = Y.encodeStateVector(doc);
		expect(removePartner(doc, 'no-such-partner', { reassignLeadTo: null })).toBe(false);
		expect(removePartner(doc, council, { reassignLeadTo: 'no-such-partner' })).toBe(false);
		expect(removePartner(doc, council, { reassignLeadTo: council })).toBe(false);
		expect(Y.encodeStateVector(doc)).toEqual(before);
	});

	it('cleans a supporting list a foreign client wrote as a plain array', () => {
		const { doc, council, college } = newBoard();
		rootMap(doc, ROOT.actions).set(
			'foreign',
			makeRecord({ id: 'foreign', ref: 'LP-09', pillar: 'land', supporting: [council, college] })
		);
		removePartner(doc, council, { reassignLeadTo: null });
		expect(actionByRef(doc, 'LP-09').supporting).toEqual([college]);
	});

	it('reaches another replica as the same result', () => {
		const { doc, council, college } = newBoard();
		const other = replicaOf(doc);
		removePartner(doc, council, { reassignLeadTo: college });
		exchange(doc, other);
		expect(listActions(other)).toEqual(listActions(doc));
		expect(listPartners(other)).toEqual(listPartners(doc));
	});
});

describe('removing a partner while another replica edits', () => {
	it('keeps the removal when another replica renames the partner at the same time', () => {
		const { doc, council } = newBoard();
		const other = replicaOf(doc);
		removePartner(doc, council, { reassignLeadTo: null });
		updatePartner(other, council, { name: 'Kestrelford & Vale Council' });
		exchange(doc, other);
		// The rename was made inside a record that is now deleted, so it has nowhere to live.
		expect(listPartners(doc).map((partner) => partner.code)).toEqual(['KTH', 'VC']);
		expect(listPartners(other)).toEqual(listPartners(doc));
	});

	it('leaves a dangling lead when another replica makes the partner lead of an action meanwhile', () => {
		const { doc, council, college } = newBoard();
		const other = replicaOf(doc);
		removePartner(doc, council, { reassignLeadTo: college });
		// Offline, the other replica gives FI-01 to the council, which it still sees on the board.
		rootMap(other, ROOT.actions).get(actionByRef(other, 'FI-01').id)!.set('lead', council);
		exchange(doc, other);
		// Both replicas agree: the partner is gone and the actions it led before went to the
		// college, but FI-01 names the removed partner's id, which no partner has any more.
		// Readers treat a lead that names no partner as no lead (the plan shows "Not set"), until
		// someone chooses a lead for FI-01 again.
		for (const replica of [doc, other]) {
			expect(listPartners(replica).some((partner) => partner.id === council)).toBe(false);
			expect(actionByRef(replica, 'SP-01').lead).toBe(college);
			expect(actionByRef(replica, 'FI-01').lead).toBe(council);
			expect(actionsUsingPartner(replica, council).lead).toEqual([
				actionByRef(replica, 'FI-01').id
			]);
		}
	});

	it('keeps a supporting partner the other replica added to an action meanwhile', () => {
		const { doc, council, college } = newBoard();
		const other = replicaOf(doc);
		removePartner(doc, council, { reassignLeadTo: null });
		const list = rootMap(other, ROOT.actions)
			.get(actionByRef(other, 'SP-02').id)!
			.get('supporting') as Y.Array<string>;
		list.push([council]);
		exchange(doc, other);
		// The insert is concurrent with the removal, so it survives: a dangling id, as above.
		expect(actionByRef(doc, 'SP-02').supporting).toEqual([college, council]);
		expect(actionByRef(other, 'SP-02').supporting).toEqual([college, council]);
	});
});
