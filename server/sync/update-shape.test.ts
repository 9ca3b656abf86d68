import { describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { MAX_CLOCK, updateShapeProblem } from './update-shape.ts';

/** An update inserting 'a' into a card's text, as client 1, after the card itself. */
function cardTextUpdates(): { card: Uint8Array; insert: Uint8Array } {
	const doc = new Y.Doc();
	doc.clientID = 1;
	const updates: Uint8Array[] = [];
	doc.on('update', (update: Uint8Array) => updates.push(update));
	const text = new Y.Text();
	doc.getMap('cards').set('k', text);
	text.insert(0, 'a');
	return { card: updates[0], insert: updates[1] };
}

/** The same insert with its one-character string made empty: a struct of length zero. */
function zeroLengthInsert(): Uint8Array {
	const hex = Buffer.from(cardTextUpdates().insert).toString('hex');
	expect(hex.endsWith('016100')).toBe(true); // string of length 1, "a", then no deletions
	return Buffer.from(hex.replace(/016100$/, '0000'), 'hex');
}

/** An update with only a delete set: one range of client 1. */
function deletion(clock: number, len: number): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, 0); // no structs
	encoding.writeVarUint(encoder, 1); // one client
	encoding.writeVarUint(encoder, 1);
	encoding.writeVarUint(encoder, 1); // one range
	encoding.writeVarUint(encoder, clock);
	encoding.writeVarUint(encoder, len);
	return encoding.toUint8Array(encoder);
}

describe('updateShapeProblem', () => {
	it('accepts what Yjs clients make', () => {
		const { card, insert } = cardTextUpdates();
		expect(updateShapeProblem(Y.decodeUpdate(card))).toBeNull();
		expect(updateShapeProblem(Y.decodeUpdate(insert))).toBeNull();
		expect(updateShapeProblem(Y.decodeUpdate(deletion(0, 1)))).toBeNull();
	});

	it('refuses a struct of length zero, which Yjs applies and then cannot encode', () => {
		const poisoned = new Y.Doc();
		Y.applyUpdate(poisoned, cardTextUpdates().card);
		Y.applyUpdate(poisoned, zeroLengthInsert());
		// Why it matters: from now on, every sync step 2 the server would send throws.
		expect(() => Y.encodeStateAsUpdate(poisoned)).toThrow();
		expect(updateShapeProblem(Y.decodeUpdate(zeroLengthInsert()))).toBe('a struct of length zero');
	});

	it('refuses a deletion of length zero', () => {
		expect(updateShapeProblem(Y.decodeUpdate(deletion(5, 0)))).toBe('a deletion of length zero');
	});

	it('refuses clocks past MAX_CLOCK', () => {
		expect(updateShapeProblem(Y.decodeUpdate(deletion(MAX_CLOCK, 1)))).toBe(
			'a deletion beyond the highest clock'
		);
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, 1); // one client's structs
		encoding.writeVarUint(encoder, 1); // one struct
		encoding.writeVarUint(encoder, 7); // client
		encoding.writeVarUint(encoder, 0); // clock
		encoding.writeUint8(encoder, 0); // a GC struct
		encoding.writeVarUint(encoder, MAX_CLOCK + 1); // of this length
		encoding.writeVarUint(encoder, 0); // no deletions
		expect(updateShapeProblem(Y.decodeUpdate(encoding.toUint8Array(encoder)))).toBe(
			'a struct beyond the highest clock'
		);
	});
});
