import { beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addAction } from '../../src/lib/board/actions.ts';
import { addPartner, initBoard, rootMap } from '../../src/lib/board/board-doc.ts';
import { addCard, deleteCard, setCardText } from '../../src/lib/board/cards.ts';
import { forbiddenRoot, rootsChangedBy } from './write-policy.ts';

let server: Y.Doc;
let client: Y.Doc;
let cardId: string;
let partnerId: string;

beforeEach(() => {
	server = new Y.Doc();
	initBoard(server, { title: 'T', place: 'P', preset: 'cles' });
	partnerId = addPartner(server, {
		code: 'KBC',
		name: 'Council',
		type: 'council',
		colour: '#123456'
	});
	cardId = addCard(server, { pillar: 'spend', text: 'Local food' });
	addAction(server, { pillar: 'spend', ref: 'SP-01', title: 'Spend analysis' });
	client = new Y.Doc();
	Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
});

/** The roots a change made on the client would touch on the server. */
function rootsOf(change: (doc: Y.Doc) => void): Set<string> {
	const before = Y.encodeStateVector(client);
	change(client);
	const update = Y.encodeStateAsUpdate(client, before);
	return rootsChangedBy(server, Y.decodeUpdate(update));
}

describe('the write policy', () => {
	it('places new cards, typing in a card and deleting one under cards', () => {
		expect(rootsOf((doc) => addCard(doc, { pillar: 'land', text: 'x' }))).toEqual(
			new Set(['cards'])
		);
		expect(rootsOf((doc) => setCardText(doc, cardId, 'Local food for the hospital'))).toEqual(
			new Set(['cards'])
		);
		expect(rootsOf((doc) => deleteCard(doc, cardId))).toEqual(new Set(['cards']));
	});

	it('places typing into an empty text, which has no neighbour, through its parent', () => {
		const emptyCard = addCard(server, { pillar: 'land' });
		Y.applyUpdate(client, Y.encodeStateAsUpdate(server, Y.encodeStateVector(client)));
		expect(rootsOf((doc) => setCardText(doc, emptyCard, 'first words'))).toEqual(
			new Set(['cards'])
		);
	});

	it('places action edits, nested indicators included, under actions', () => {
		const roots = rootsOf((doc) =>
			addAction(doc, { pillar: 'finance', title: 'Credit union', indicators: [] })
		);
		expect(roots).toEqual(new Set(['actions']));
	});

	it('lets partners write cards and actions but not partner organisations, pillars or meta', () => {
		expect(forbiddenRoot('partner', new Set(['cards', 'actions']))).toBeNull();
		const addOrg = rootsOf((doc) =>
			addPartner(doc, { code: 'X', name: 'X', type: 'other', colour: '#000000' })
		);
		expect(forbiddenRoot('partner', addOrg)).toBe('partners');
		const rename = rootsOf((doc) =>
			rootMap(doc, 'partners').get(partnerId)!.set('name', 'Renamed')
		);
		expect(forbiddenRoot('partner', rename)).toBe('partners');
		const remove = rootsOf((doc) => rootMap(doc, 'partners').delete(partnerId));
		expect(forbiddenRoot('partner', remove)).toBe('partners');
		const relabel = rootsOf((doc) => rootMap(doc, 'pillars').get('spend')!.set('label', 'Buying'));
		expect(forbiddenRoot('partner', relabel)).toBe('pillars');
		const retitle = rootsOf((doc) => doc.getMap('meta').set('title', 'Mine now'));
		expect(forbiddenRoot('partner', retitle)).toBe('meta');
	});

	it('treats a top-level name it does not know as facilitator-only', () => {
		const roots = rootsOf((doc) => doc.getMap('surprise').set('k', 'v'));
		expect(forbiddenRoot('partner', roots)).toBe('surprise');
		expect(forbiddenRoot('facilitator', roots)).toBeNull();
	});

	it('finds the forbidden part of an update that also does allowed things', () => {
		const roots = rootsOf((doc) =>
			doc.transact(() => {
				addCard(doc, { pillar: 'spend', text: 'cover' });
				rootMap(doc, 'partners').delete(partnerId);
			})
		);
		expect(forbiddenRoot('partner', roots)).toBe('partners');
	});

	it('lets through typing into a card that was deleted meanwhile: Yjs collects it on arrival', () => {
		deleteCard(server, cardId); // the server's copy is garbage-collected
		const roots = rootsOf((doc) => setCardText(doc, cardId, 'Local food, typed offline'));
		expect(forbiddenRoot('partner', roots)).toBeNull();
		Y.applyUpdate(server, Y.encodeStateAsUpdate(client));
		expect(rootMap(server, 'cards').has(cardId)).toBe(false);
	});

	it('lets through an item whose parent has not arrived yet, and checks that parent when it does', () => {
		const sneaky = new Y.Doc();
		Y.applyUpdate(sneaky, Y.encodeStateAsUpdate(server));
		let parentUpdate: Uint8Array | null = null;
		sneaky.once('update', (update: Uint8Array) => (parentUpdate = update));
		const record = new Y.Map<unknown>();
		rootMap(sneaky, 'partners').set('new', record);
		const before = Y.encodeStateVector(sneaky);
		record.set('name', 'Smuggled');
		const childUpdate = Y.encodeStateAsUpdate(sneaky, before);
		expect(
			forbiddenRoot('partner', rootsChangedBy(server, Y.decodeUpdate(childUpdate)))
		).toBeNull();
		expect(forbiddenRoot('partner', rootsChangedBy(server, Y.decodeUpdate(parentUpdate!)))).toBe(
			'partners'
		);
	});
});
