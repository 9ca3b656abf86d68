/**
 * Turning whole-string edits (what a <textarea> reports) into minimal Y.Text operations, so that
 * two people typing in the same text merge character by character instead of overwriting.
 */
import type * as Y from 'yjs';

/** Whether a UTF-16 code unit is the first half of a surrogate pair (an emoji, say). */
function isHighSurrogate(code: number): boolean {
	return code >= 0xd800 && code <= 0xdbff;
}

/** Whether a UTF-16 code unit is the second half of a surrogate pair. */
function isLowSurrogate(code: number): boolean {
	return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * The smallest single splice that turns `before` into `after`, never cutting a surrogate pair in
 * two: `😀` and `😁` share their first code unit, and a splice between the halves would leave
 * broken characters that other replicas receive as replacement marks.
 */
export function diffText(
	before: string,
	after: string
): { index: number; remove: number; insert: string } {
	let start = 0;
	const shorter = Math.min(before.length, after.length);
	while (start < shorter && before[start] === after[start]) start++;
	if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) start--;
	let end = 0;
	while (
		end < shorter - start &&
		before[before.length - 1 - end] === after[after.length - 1 - end]
	) {
		end++;
	}
	if (end > 0 && isLowSurrogate(before.charCodeAt(before.length - end))) end--;
	return {
		index: start,
		remove: before.length - start - end,
		insert: after.slice(start, after.length - end)
	};
}

/** Applies `next` to a Y.Text as one minimal splice (no-op when nothing changed). */
export function updateText(text: Y.Text, next: string): void {
	const { index, remove, insert } = diffText(text.toString(), next);
	if (remove === 0 && insert === '') return;
	const apply = () => {
		if (remove > 0) text.delete(index, remove);
		if (insert !== '') text.insert(index, insert);
	};
	if (text.doc) text.doc.transact(apply);
	else apply();
}
