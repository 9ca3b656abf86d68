import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readFacilitation, setFollow, summon } from './facilitation.ts';

describe('follow me and summon', () => {
	it('has everyone follow one person, then no one', () => {
		const doc = new Y.Doc();
		expect(readFacilitation(doc).followUserId).toBeNull();
		setFollow(doc, 'user-nia');
		expect(readFacilitation(doc).followUserId).toBe('user-nia');
		setFollow(doc, null);
		expect(readFacilitation(doc).followUserId).toBeNull();
	});

	it('keeps the last summon, with a new id each time and who made it', () => {
		const doc = new Y.Doc();
		expect(readFacilitation(doc).summon).toBeNull();
		const first = summon(doc, 'lane', 'local-spend', 1000, 'Nia');
		expect(readFacilitation(doc).summon).toEqual({
			id: first,
			kind: 'lane',
			target: 'local-spend',
			at: 1000,
			by: 'Nia'
		});
		const second = summon(doc, 'card', 'card-1', 2000);
		expect(second).not.toBe(first);
		expect(readFacilitation(doc).summon).toMatchObject({ id: second, kind: 'card', by: '' });
	});

	it('ignores a summon of an unknown kind', () => {
		const doc = new Y.Doc();
		const record = new Y.Map<unknown>();
		record.set('id', 's1');
		record.set('kind', 'room');
		record.set('target', 'x');
		doc.getMap('facilitation').set('summon', record);
		expect(readFacilitation(doc).summon).toBeNull();
	});
});
