import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addAction, getAction } from './actions.ts';
import { setActionValues } from './action-edit.ts';
import { initBoard } from './board-doc.ts';
import { acceptLead, declineLead, leadStatus } from './lead-acceptance.ts';

function board(): Y.Doc {
	const doc = new Y.Doc();
	initBoard(doc, { title: 'T', place: 'P', preset: 'cles' });
	return doc;
}

const status = (doc: Y.Doc, id: string) => leadStatus(getAction(doc, id)!);

describe('lead acceptance', () => {
	it('awaits acceptance once a lead is named, until a member of that partner accepts', () => {
		const doc = board();
		const id = addAction(doc, { pillar: 'spend' });
		expect(status(doc, id)).toBe('no-lead');
		setActionValues(doc, id, { lead: 'kbc' });
		expect(status(doc, id)).toBe('awaiting');
		expect(acceptLead(doc, id, { partnerId: 'kth', name: 'Priya' })).toEqual({
			ok: false,
			message: 'Only a member of the lead partner can accept or decline the lead.'
		});
		expect(status(doc, id)).toBe('awaiting');
		expect(acceptLead(doc, id, { partnerId: 'kbc', name: 'Sam' })).toEqual({ ok: true });
		expect(status(doc, id)).toBe('accepted');
		expect(getAction(doc, id)!.leadAnswer).toMatchObject({ byName: 'Sam', partnerId: 'kbc' });
	});

	it('needs a reason to decline, and shows it', () => {
		const doc = board();
		const id = addAction(doc, { pillar: 'spend', lead: 'kbc' });
		expect(declineLead(doc, id, { partnerId: 'kbc', name: 'Sam' }, '  ')).toMatchObject({
			ok: false
		});
		declineLead(doc, id, { partnerId: 'kbc', name: 'Sam' }, 'No budget this year.');
		expect(status(doc, id)).toBe('declined');
		expect(getAction(doc, id)!.leadAnswer!.reason).toBe('No budget this year.');
	});

	it('goes back to awaiting when another lead is named, even concurrently with an accept', () => {
		const a = board();
		const id = addAction(a, { pillar: 'spend', lead: 'kbc' });
		const b = new Y.Doc();
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		acceptLead(a, id, { partnerId: 'kbc', name: 'Sam' });
		setActionValues(b, id, { lead: 'kth' });
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		expect(status(a, id)).toBe('awaiting');
		expect(status(b, id)).toBe('awaiting');
	});
});
