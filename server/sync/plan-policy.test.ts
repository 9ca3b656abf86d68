import { beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { actionRecord, addAction } from '../../src/lib/board/actions.ts';
import { setActionText, setActionValues, setRecordText } from '../../src/lib/board/action-edit.ts';
import { addPartner, initBoard } from '../../src/lib/board/board-doc.ts';
import { addCard } from '../../src/lib/board/cards.ts';
import { acceptLead, declineLead } from '../../src/lib/board/lead-acceptance.ts';
import { promoteCard } from '../../src/lib/board/promote.ts';
import { PLAN_REFUSAL, planChangeProblem, type PlanWriter } from './plan-policy.ts';
import { changesBy } from './write-policy.ts';

let server: Y.Doc;
let client: Y.Doc;
let council: string;
let trust: string;
let actionId: string;

const councilMember: PlanWriter = { name: 'Cara Council', partnerId: '' };
const trustMember: PlanWriter = { name: 'Tom Trust', partnerId: '' };

beforeEach(() => {
	server = new Y.Doc();
	initBoard(server, { title: 'T', place: 'P', preset: 'cles' });
	const partner = (code: string) =>
		addPartner(server, { code, name: code, type: 'council', colour: '#123456' });
	council = partner('KBC');
	trust = partner('KTH');
	councilMember.partnerId = council;
	trustMember.partnerId = trust;
	actionId = addAction(server, { pillar: 'spend', ref: 'SP-01', title: 'Spend', lead: council });
	client = new Y.Doc();
	Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
});

/** What the server would say to `writer` making `change` on their client. */
function verdict(writer: PlanWriter, change: (doc: Y.Doc) => unknown): string | null {
	const before = Y.encodeStateVector(client);
	change(client);
	const update = Y.decodeUpdate(Y.encodeStateAsUpdate(client, before));
	return planChangeProblem(server, changesBy(server, update), writer);
}

/** Applies a change made on the client to the server, as an accepted update would be. */
function sync(): void {
	Y.applyUpdate(server, Y.encodeStateAsUpdate(client, Y.encodeStateVector(server)));
}

describe("the lead partner's answer", () => {
	it('may be given by a member of the lead partner, accepting or declining with a reason', () => {
		expect(verdict(councilMember, (doc) => acceptLead(doc, actionId, councilMember))).toBeNull();
		sync();
		expect(
			verdict(councilMember, (doc) =>
				declineLead(doc, actionId, councilMember, 'No budget this year')
			)
		).toBeNull();
	});

	it('is refused from a member of another partner organisation, even one who forges the partner', () => {
		const forged = { name: trustMember.name, partnerId: council };
		expect(verdict(trustMember, (doc) => acceptLead(doc, actionId, forged))).toBe(
			PLAN_REFUSAL.leadAnswer
		);
	});

	it('is refused from a member of no partner organisation', () => {
		const nobody: PlanWriter = { name: 'Nia', partnerId: null };
		expect(
			verdict(nobody, (doc) => acceptLead(doc, actionId, { ...nobody, partnerId: council }))
		).toBe(PLAN_REFUSAL.leadAnswer);
	});

	it("is refused in a colleague's name", () => {
		const colleague = { name: 'Someone Else', partnerId: council };
		expect(verdict(councilMember, (doc) => acceptLead(doc, actionId, colleague))).toBe(
			PLAN_REFUSAL.leadAnswer
		);
	});

	it('cannot be rewritten by another organisation, not even its reason', () => {
		verdict(councilMember, (doc) => declineLead(doc, actionId, councilMember, 'No budget'));
		sync();
		expect(
			verdict(trustMember, (doc) =>
				setRecordText(actionRecord(doc, actionId)!, 'leadResponseReason', 'Yes budget')
			)
		).toBe(PLAN_REFUSAL.leadAnswer);
	});

	it('may be given by a partner that names itself lead in the same change', () => {
		expect(
			verdict(trustMember, (doc) => {
				doc.transact(() => {
					setActionValues(doc, actionId, { lead: trust });
					acceptLead(doc, actionId, trustMember);
				});
			})
		).toBeNull();
	});

	it('is not needed to create an action or to promote a card, which start without an answer', () => {
		expect(
			verdict(trustMember, (doc) =>
				addAction(doc, { pillar: 'land', title: 'Estate', lead: trust })
			)
		).toBeNull();
		const cardId = addCard(client, { pillar: 'land', text: 'Community asset transfer' });
		sync();
		expect(verdict(trustMember, (doc) => promoteCard(doc, cardId))).toBeNull();
	});
});

describe('agreeing an action', () => {
	it('is refused to partners, who may still propose it', () => {
		expect(
			verdict(councilMember, (doc) => setActionValues(doc, actionId, { approval: 'agreed' }))
		).toBe(PLAN_REFUSAL.agreed);
		expect(
			verdict(councilMember, (doc) => setActionValues(doc, actionId, { approval: 'proposed' }))
		).toBeNull();
	});

	it('cannot be taken back by a partner once a facilitator has agreed it', () => {
		setActionValues(server, actionId, { approval: 'agreed' });
		Y.applyUpdate(client, Y.encodeStateAsUpdate(server, Y.encodeStateVector(client)));
		expect(
			verdict(councilMember, (doc) => setActionValues(doc, actionId, { approval: 'draft' }))
		).toBe(PLAN_REFUSAL.agreed);
	});

	it('leaves every other field of an agreed action to partners', () => {
		setActionValues(server, actionId, { approval: 'agreed' });
		Y.applyUpdate(client, Y.encodeStateAsUpdate(server, Y.encodeStateVector(client)));
		expect(
			verdict(trustMember, (doc) => setActionText(doc, actionId, 'title', 'Spend 2'))
		).toBeNull();
	});
});
