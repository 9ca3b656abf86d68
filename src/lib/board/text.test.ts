import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { diffText, updateText } from './text.ts';

describe('text diff', () => {
	it('finds an insertion in the middle', () => {
		expect(diffText('hello world', 'hello big world')).toEqual({
			index: 6,
			remove: 0,
			insert: 'big '
		});
	});

	it('finds a deletion and a replacement', () => {
		expect(diffText('abcdef', 'abef')).toEqual({ index: 2, remove: 2, insert: '' });
		expect(diffText('cat', 'cut')).toEqual({ index: 1, remove: 1, insert: 'u' });
	});

	it('handles repeated characters without overlapping prefix and suffix', () => {
		expect(diffText('aaa', 'aaaa')).toEqual({ index: 3, remove: 0, insert: 'a' });
		expect(diffText('aaaa', 'aa')).toEqual({ index: 2, remove: 2, insert: '' });
	});

	it('applies the splice to a Y.Text and does nothing when the text is unchanged', () => {
		const doc = new Y.Doc();
		const text = doc.getText('t');
		text.insert(0, 'Local supply chains');
		let updates = 0;
		doc.on('update', () => updates++);
		updateText(text, 'Local supply chains');
		expect(updates).toBe(0);
		updateText(text, 'Local food supply chains');
		expect(text.toString()).toBe('Local food supply chains');
		expect(updates).toBe(1);
	});

	it('never splits an emoji: a changed emoji is replaced whole', () => {
		expect(diffText('Local food 😀', 'Local food 😁')).toEqual({
			index: 11,
			remove: 2,
			insert: '😁'
		});
		expect(diffText('𒀀', '𒀁𒀀')).toEqual({ index: 0, remove: 0, insert: '𒀁' });
		expect(diffText('😀 rest', '😁 rest')).toEqual({ index: 0, remove: 2, insert: '😁' });
	});

	it('keeps emoji whole on every replica when two people edit around them', () => {
		const a = new Y.Doc();
		const text = a.getText('t');
		text.insert(0, 'Local food 😀');
		const b = new Y.Doc();
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		updateText(text, 'Local food 😁');
		updateText(b.getText('t'), 'Fresh local food 😀');
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		expect(text.toString()).toBe(b.getText('t').toString());
		expect(text.toString()).not.toContain('\uFFFD');
		expect([...text.toString()].every((c) => c.length === 1 || c.codePointAt(0)! > 0xffff)).toBe(
			true
		);
	});
});
