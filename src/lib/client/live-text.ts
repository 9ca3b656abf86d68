/**
 * `use:liveText={text}` on a textarea or input that edits shared text: remote changes are
 * written in only when they differ, with the caret carried across the change, so typing never
 * jumps while someone else types in the same text.
 */
import { diffText } from '$lib/board/text';

type Field = HTMLTextAreaElement | HTMLInputElement;

/** Where a caret at `position` ends up after the splice that turned the old text into the new. */
export function carryCaret(position: number, splice: ReturnType<typeof diffText>): number {
	if (position <= splice.index) return position;
	if (position >= splice.index + splice.remove) {
		return position - splice.remove + splice.insert.length;
	}
	return splice.index + splice.insert.length;
}

function write(field: Field, next: string): void {
	if (field.value === next) return;
	if (document.activeElement !== field) {
		field.value = next;
		return;
	}
	const { selectionStart, selectionEnd, selectionDirection } = field;
	const splice = diffText(field.value, next);
	field.value = next;
	field.setSelectionRange(
		carryCaret(selectionStart ?? 0, splice),
		carryCaret(selectionEnd ?? 0, splice),
		selectionDirection ?? undefined
	);
}

export function liveText(field: Field, text: string) {
	write(field, text);
	return { update: (next: string) => write(field, next) };
}
