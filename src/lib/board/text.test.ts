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
});
