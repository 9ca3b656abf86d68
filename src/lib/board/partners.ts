/**
 * Partner organisations on the board: checking, editing and removing them. A partner that
 * actions name never silently vanishes: `removePartner` says what happens to its actions, in
 * the same transaction that deletes it. Imports only `yjs` and its siblings.
 */
import * as Y from 'yjs';
import { listActions } from './actions.ts';
import {
	PARTNER_TYPES,
	ROOT,
	rootMap,
	type Partner,
	type PartnerType,
	type YRecord
} from './board-doc.ts';
import { PARTNER_COLOURS } from './plan-import.ts';

export const MAX_PARTNER_NAME_LENGTH = 120;
export const MAX_PARTNER_CODE_LENGTH = 8;

/** Partner types as a facilitator reads them. */
export const PARTNER_TYPE_LABELS: Record<PartnerType, string> = {
	council: 'Council',
	nhs: 'NHS',
	university: 'University',
	college: 'College',
	housing: 'Housing',
	police: 'Police',
	fire: 'Fire and rescue',
	vcse: 'Voluntary and community (VCSE)',
	coop: 'Co-operative',
	business: 'Business',
	other: 'Other'
};

const CODE_PATTERN = new RegExp(`^[\\p{L}\\p{N}]{1,${MAX_PARTNER_CODE_LENGTH}}$`, 'u');
const COLOUR_PATTERN = /^#[0-9a-fA-F]{6}$/;

/** A partner's fields as a form gives them (type unchecked); `id` when editing an existing one. */
export interface PartnerFields {
	id?: string;
	code: string;
	name: string;
	type: string;
	colour: string;
}

/**
 * The first problem with a partner's fields, as a sentence, or null when they are fine. The
 * code must be unique on the board, ignoring case (the partner being edited aside).
 */
export function checkPartner(fields: PartnerFields, partners: Partner[]): string | null {
	const name = fields.name.trim();
	const code = fields.code.trim();
	if (name === '') return 'Give the partner organisation a name.';
	if (name.length > MAX_PARTNER_NAME_LENGTH) {
		return `Keep the name to ${MAX_PARTNER_NAME_LENGTH} characters or fewer.`;
	}
	if (code === '') return 'Give the partner a short code, such as KBC.';
	if (!CODE_PATTERN.test(code)) {
		return `Use 1 to ${MAX_PARTNER_CODE_LENGTH} letters or digits for the short code, such as KBC.`;
	}
	const clash = partners.find(
		(partner) =>
			partner.id !== fields.id && partner.code.toLocaleLowerCase() === code.toLocaleLowerCase()
	);
	if (clash) return `${clash.name || 'Another partner'} already uses the code ${clash.code}.`;
	if (!isPartnerType(fields.type)) return 'Choose one of the partner types offered.';
	if (!COLOUR_PATTERN.test(fields.colour)) {
		return 'Choose a colour written as # and six hex digits, such as #1f77b4.';
	}
	return null;
}

/** Whether a string is one of the partner types. */
export function isPartnerType(value: string): value is PartnerType {
	return (PARTNER_TYPES as readonly string[]).includes(value);
}

/** A colour for a new partner: the first of the house colours no partner uses yet. */
export function suggestPartnerColour(partners: Partner[]): string {
	const used = new Set(partners.map((partner) => partner.colour.toLowerCase()));
	return (
		PARTNER_COLOURS.find((colour) => !used.has(colour)) ??
		PARTNER_COLOURS[partners.length % PARTNER_COLOURS.length]
	);
}

function partnerRecord(doc: Y.Doc, id: string): YRecord | null {
	const record = rootMap(doc, ROOT.partners).get(id);
	return record instanceof Y.Map ? record : null;
}

/** Changes some of a partner's fields in one transaction. Returns false if it is gone. */
export function updatePartner(
	doc: Y.Doc,
	id: string,
	fields: Partial<Omit<Partner, 'id'>>
): boolean {
	const record = partnerRecord(doc, id);
	if (!record) return false;
	doc.transact(() => {
		for (const [key, value] of Object.entries(fields)) {
			if (value !== undefined && record.get(key) !== value) record.set(key, value);
		}
	});
	return true;
}

/** Which actions name a partner, by action id (an action may be in both lists). */
export interface PartnerUse {
	lead: string[];
	supporting: string[];
}

/** The actions a partner leads and those it supports, in plan order. */
export function actionsUsingPartner(doc: Y.Doc, partnerId: string): PartnerUse {
	const use: PartnerUse = { lead: [], supporting: [] };
	for (const action of listActions(doc)) {
		if (action.lead === partnerId) use.lead.push(action.id);
		if (action.supporting.includes(partnerId)) use.supporting.push(action.id);
	}
	return use;
}

/**
 * One sentence on what a partner is named in, e.g. "Leads SP-01 and OW-03; supports 4 more
 * actions.", or null when no action names it.
 */
export function describePartnerUse(doc: Y.Doc, use: PartnerUse): string | null {
	const refs = new Map(listActions(doc).map((action) => [action.id, action.ref]));
	const led = use.lead.map((id) => refs.get(id) || 'an action without a ref');
	const supported = use.supporting.filter((id) => !use.lead.includes(id)).length;
	const actions = (n: number) => (n === 1 ? 'action' : 'actions');
	if (led.length === 0) {
		return supported === 0 ? null : `Supports ${supported} ${actions(supported)}.`;
	}
	const leads = `Leads ${listInWords(led)}`;
	return supported === 0
		? `${leads}.`
		: `${leads}; supports ${supported} more ${actions(supported)}.`;
}

/** "A", "A and B", "A, B and C". */
function listInWords(items: string[]): string {
	return items.length <= 1
		? (items[0] ?? '')
		: `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * Removes a partner, in one transaction: actions it leads get `reassignLeadTo` as their lead
 * (or none, when null), it leaves every supporting list, and its record is deleted. A new lead
 * leaves the supporting list of the actions it now leads, so nobody is named twice. Cards keep
 * their author's partner id as a record of who wrote them. Returns false, changing nothing, when
 * the partner is gone or the new lead is not another partner on the board.
 */
export function removePartner(
	doc: Y.Doc,
	id: string,
	options: { reassignLeadTo: string | null }
): boolean {
	const partners = rootMap(doc, ROOT.partners);
	const newLead = options.reassignLeadTo;
	if (!partners.has(id)) return false;
	if (newLead !== null && (newLead === id || !partnerRecord(doc, newLead))) return false;
	doc.transact(() => {
		rootMap(doc, ROOT.actions).forEach((action) => {
			if (!(action instanceof Y.Map)) return;
			const ledByIt = action.get('lead') === id;
			if (ledByIt) action.set('lead', newLead);
			const drop = new Set([id]);
			if (ledByIt && newLead !== null) drop.add(newLead);
			removeFromList(action, 'supporting', drop);
		});
		partners.delete(id);
	});
	return true;
}

/** Deletes the given ids from a list field (a Y.Array, or a foreign client's plain array). */
function removeFromList(record: YRecord, key: string, ids: Set<string>): void {
	const list = record.get(key);
	if (list instanceof Y.Array) {
		const items = list.toArray();
		for (let index = items.length - 1; index >= 0; index--) {
			if (ids.has(items[index] as string)) list.delete(index, 1);
		}
	} else if (Array.isArray(list) && list.some((item) => ids.has(item as string))) {
		record.set(key, Y.Array.from(list.filter((item) => !ids.has(item as string))));
	}
}
