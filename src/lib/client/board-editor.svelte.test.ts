import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { initBoard, listPillars } from '$lib/board/board-doc';
import { PARKING_LOT } from '$lib/board/card-lane';
import { addCard, getCard, listCards } from '$lib/board/cards';
import { LOCK_REFUSAL, setBoardLock, setLaneLock } from '$lib/board/facilitation';
import type { BoardUser } from './board-connection.svelte';
import { BoardEditor } from './board-editor.svelte';

function setUp(role: BoardUser['role'] = 'partner') {
	const doc = new Y.Doc();
	initBoard(doc, { title: 'T', place: 'P', preset: 'cles' });
	const editor = new BoardEditor(doc, { id: 'u1', name: 'Pat', role }, null, () => null);
	const spend = listPillars(doc).find((p) => p.key === 'spend')!.label;
	return { doc, editor, spendRefusal: LOCK_REFUSAL.lane(spend) };
}

/** Everything the board holds, to show that a refused edit wrote nothing. */
const snapshot = (doc: Y.Doc) => JSON.stringify(listCards(doc));

describe("a partner's edits under a lane lock", () => {
	it('refuses a new card in the locked lane with the sentence, visibly, and writes nothing', () => {
		const { doc, editor, spendRefusal } = setUp();
		setLaneLock(doc, 'spend', true);
		expect(editor.add('spend')).toBeNull();
		expect(listCards(doc)).toEqual([]);
		expect(editor.notice).toBe(spendRefusal);
		expect(editor.announcement).toBe(spendRefusal);
		expect(editor.editingId).toBeNull();
	});

	it('refuses typing into, resizing, colouring, tagging, grouping and deleting a card in it', () => {
		const { doc, editor } = setUp();
		const id = addCard(doc, { pillar: 'spend', text: 'Buy local' });
		setLaneLock(doc, 'spend', true);
		const before = snapshot(doc);
		editor.select([id]);
		expect(editor.edit(id)).toBe(false);
		editor.setText(id, 'Buy social');
		editor.resize(id, 400, 300);
		editor.colourSelected('#ffffff', 'white');
		editor.setTags(id, ['quick win']);
		editor.clusterSelected('Spend');
		editor.duplicateSelected();
		expect(editor.deleteSelected()).toBe(0);
		expect(snapshot(doc)).toBe(before);
	});

	it('refuses moving a card out of it, into it, or parking it', () => {
		const { doc, editor, spendRefusal } = setUp();
		const inside = addCard(doc, { pillar: 'spend' });
		const outside = addCard(doc, { pillar: 'land' });
		setLaneLock(doc, 'spend', true);
		const before = snapshot(doc);
		editor.moveToPillar(inside, 'land');
		editor.moveToPillar(outside, 'spend');
		editor.place([{ id: outside, pillar: 'spend', x: 0, y: 0 }]);
		editor.toggleParked([inside]);
		expect(snapshot(doc)).toBe(before);
		expect(editor.notice).toBe(spendRefusal);
	});

	it('lets edits of other lanes through, parking included', () => {
		const { doc, editor } = setUp();
		const id = addCard(doc, { pillar: 'land' });
		setLaneLock(doc, 'spend', true);
		editor.setText(id, 'Bus lanes');
		editor.toggleParked([id]);
		expect(getCard(doc, id)).toMatchObject({ text: 'Bus lanes', pillar: PARKING_LOT });
		expect(editor.add('workforce')).not.toBeNull();
		expect(editor.notice).toBeNull();
	});

	it('lets them through again once the lane is unlocked', () => {
		const { doc, editor } = setUp();
		const id = addCard(doc, { pillar: 'spend' });
		setLaneLock(doc, 'spend', true);
		setLaneLock(doc, 'spend', false);
		editor.setText(id, 'Buy local');
		expect(getCard(doc, id)!.text).toBe('Buy local');
	});
});

describe('the board lock', () => {
	it("refuses a partner's every edit, in any lane and in the parking lot", () => {
		const { doc, editor } = setUp();
		const id = addCard(doc, { pillar: 'land' });
		setBoardLock(doc, true);
		const before = snapshot(doc);
		expect(editor.add('finance')).toBeNull();
		editor.toggleParked([id]);
		editor.setText(id, 'Bus lanes');
		expect(snapshot(doc)).toBe(before);
		expect(editor.notice).toBe(LOCK_REFUSAL.board);
	});

	it('never stops a facilitator', () => {
		const { doc, editor } = setUp('facilitator');
		const id = addCard(doc, { pillar: 'spend' });
		setBoardLock(doc, true);
		setLaneLock(doc, 'spend', true);
		editor.setText(id, 'Buy local');
		expect(editor.add('spend')).not.toBeNull();
		expect(getCard(doc, id)!.text).toBe('Buy local');
		expect(editor.notice).toBeNull();
	});
});

describe('undo under a lock', () => {
	it('refuses to undo or redo a partner’s step in a lane locked since, and allows it once unlocked', () => {
		const { doc, editor, spendRefusal } = setUp();
		const id = editor.add('spend')!;
		editor.setText(id, 'Buy local');
		setLaneLock(doc, 'spend', true);
		editor.undo();
		expect(getCard(doc, id)!.text).toBe('Buy local');
		expect(editor.notice).toBe(spendRefusal);

		setLaneLock(doc, 'spend', false);
		editor.undo();
		expect(getCard(doc, id)?.text ?? '').toBe('');
		setLaneLock(doc, 'spend', true);
		const before = snapshot(doc);
		editor.redo();
		expect(snapshot(doc)).toBe(before);
	});

	it('lets a partner undo a step in another lane while one is locked', () => {
		const { doc, editor } = setUp();
		const id = editor.add('land')!;
		setLaneLock(doc, 'spend', true);
		editor.undo();
		expect(getCard(doc, id)).toBeNull();
		expect(editor.notice).toBeNull();
	});

	it('refuses to undo a move out of a lane locked since', () => {
		const { doc, editor } = setUp();
		const id = addCard(doc, { pillar: 'spend' });
		editor.history.stopCapturing();
		editor.moveToPillar(id, 'land');
		setLaneLock(doc, 'spend', true);
		editor.undo();
		expect(getCard(doc, id)!.pillar).toBe('land');
	});
});
