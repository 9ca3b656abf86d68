import { beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { actionRecord, addAction, deleteAction } from '../../src/lib/board/actions.ts';
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

describe('deleting an action', () => {
	it('is left to partners, whatever its lead, along with its empty answer fields', () => {
		expect(verdict(trustMember, (doc) => deleteAction(doc, actionId))).toBeNull();
	});

	it('is refused to partners once the action is agreed', () => {
		setActionValues(server, actionId, { approval: 'agreed' });
		Y.applyUpdate(client, Y.encodeStateAsUpdate(server, Y.encodeStateVector(client)));
		expect(verdict(councilMember, (doc) => deleteAction(doc, actionId))).toBe(
			PLAN_REFUSAL.deleteAgreed
		);
	});
});

describe('refs', () => {
	it('are never changed by a partner, not even to a free one', () => {
		expect(
			verdict(trustMember, (doc) => actionRecord(doc, actionId)!.set('ref', 'SP-9007199254740993'))
		).toBe(PLAN_REFUSAL.ref);
	});

	it('are not brought by a partner on a new action', () => {
		expect(
			verdict(trustMember, (doc) => addAction(doc, { pillar: 'land', ref: 'LP-01', title: 'x' }))
		).toBe(PLAN_REFUSAL.ref);
	});
});

describe('two replicas merged into one update', () => {
	it("cannot make an answer pass for another organisation's lead (Yjs, not the update's order, picks the lead)", () => {
		// Two clients from the same state: one names the trust lead and declines for it, the other
		// names the council lead again. Whichever lead wins, the answer must not be the trust's.
		const forge = (clientId: number) => {
			const doc = new Y.Doc();
			doc.clientID = clientId;
			Y.applyUpdate(doc, Y.encodeStateAsUpdate(server));
			return doc;
		};
		const [low, high] = [forge(5), forge(2 ** 31)];
		const base = Y.encodeStateVector(server);
		low.transact(() => {
			setActionValues(low, actionId, { lead: trust });
			declineLead(low, actionId, trustMember, 'Not us');
		});
		actionRecord(high, actionId)!.set('lead', council); // written again, so that it competes
		const merged = Y.mergeUpdates([
			Y.encodeStateAsUpdate(low, base),
			Y.encodeStateAsUpdate(high, base)
		]);
		expect(planChangeProblem(server, changesBy(server, Y.decodeUpdate(merged)), trustMember)).toBe(
			PLAN_REFUSAL.leadAnswer
		);
	});
});
