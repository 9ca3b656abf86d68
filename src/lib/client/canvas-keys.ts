/**
 * The canvas's keyboard model. Every pointer action has a key here, and KEYBOARD_HELP lists them
 * all for the help dialog, so the two cannot drift apart.
 */
import type { BoardLayout } from '$lib/canvas/layout';
import { adjacentPillar, neighbourCard, type Direction } from '$lib/canvas/navigation';
import type { BoardEditor } from './board-editor.svelte';
import type { Camera } from './camera.svelte';

/** Board units a card moves or grows per key press. */
const NUDGE = 20;

export const KEYBOARD_HELP: [keys: string, what: string][] = [
	['Tab', 'into the board, then out to the toolbar and page'],
	['Arrow keys', 'go to the next card up, down, left or right'],
	['Home / End', 'first or last card in the lane'],
	['Enter', 'edit the card’s text (Escape to finish)'],
	['N', 'add a card (to the lane you are in)'],
	['Shift + ← / →', 'move the card to the previous or next lane'],
	['Shift + ↑ / ↓', 'move the card up or down in its lane'],
	['P', 'move the selected cards to the parking lot, or back to their lanes'],
	['Alt + arrows', 'make the card narrower, wider, shorter or taller'],
	['X', 'add the card to the selection, or take it out'],
	['Ctrl + D', 'duplicate the selected cards'],
	['Delete', 'delete the selected cards'],
	['Escape', 'clear the selection'],
	['Ctrl + Z / Ctrl + Shift + Z', 'undo or redo your own changes'],
	['+ / −', 'zoom in or out'],
	['0', 'zoom to fit the whole board'],
	['1 – 9', 'zoom to that lane'],
	['Space + drag', 'pan (dragging empty space pans too)'],
	['?', 'show these keys']
];

export interface CanvasKeyContext {
	editor: BoardEditor;
	camera: Camera;
	layout: BoardLayout;
	canEdit: boolean;
	/** Gives a card the keyboard, showing it. */
	focusCard: (id: string) => void;
	startEditing: (id: string) => void;
	stopEditing: () => void;
	addCard: (pillar?: string) => void;
	showHelp: () => void;
}

const ARROWS: Record<string, Direction> = {
	ArrowUp: 'up',
	ArrowDown: 'down',
	ArrowLeft: 'left',
	ArrowRight: 'right',
	Home: 'first',
	End: 'last'
};

/** Handles a key pressed on the canvas; returns whether it was one of ours. */
export function handleCanvasKey(event: KeyboardEvent, context: CanvasKeyContext): boolean {
	const { editor, camera, layout, canEdit } = context;
	const target = event.target as HTMLElement;
	// Buttons on the canvas (a lane's "Add card") take Enter and Space as buttons do.
	if (target.closest('button, a')) return false;
	if (target.matches('textarea, input, select')) {
		if (event.key !== 'Escape') return false;
		context.stopEditing();
		return true;
	}
	if (event.ctrlKey || event.metaKey) {
		if (event.key.toLowerCase() === 'd' && canEdit) {
			editor.duplicateSelected();
			if (editor.focusedId) context.focusCard(editor.focusedId);
			return true;
		}
		return false;
	}
	const current = editor.focusedId && layout.byId.has(editor.focusedId) ? editor.focusedId : null;
	const direction = ARROWS[event.key];
	if (direction && event.altKey && current && canEdit) {
		const box = layout.byId.get(current)!;
		const grow = { ArrowRight: [NUDGE, 0], ArrowLeft: [-NUDGE, 0], ArrowDown: [0, NUDGE] };
		const [dw, dh] = grow[event.key as keyof typeof grow] ?? [0, -NUDGE];
		editor.resize(current, box.width + dw, box.height + dh);
		return true;
	}
	if (direction && event.shiftKey && current && canEdit) {
		if (direction === 'left' || direction === 'right') {
			const pillar = adjacentPillar(layout, current, direction === 'left' ? -1 : 1);
			if (pillar) editor.moveToPillar(current, pillar);
			else editor.say('There is no lane that way.');
		} else if (direction === 'up' || direction === 'down') {
			const box = layout.byId.get(current)!;
			const lane = layout.lanes[box.lane];
			if (lane.kind !== 'unplaced') {
				const dy = direction === 'up' ? -NUDGE : NUDGE;
				editor.place([
					{ id: current, pillar: lane.key, x: box.x - lane.contentX, y: box.y - lane.contentY + dy }
				]);
			}
		}
		context.focusCard(current);
		return true;
	}
	if (direction) {
		const next = neighbourCard(layout, current, direction);
		if (next) context.focusCard(next);
		return true;
	}
	switch (event.key) {
		case 'Enter':
		case 'F2':
			if (current && canEdit) context.startEditing(current);
			return current !== null && canEdit;
		case 'n':
		case 'N':
			if (!canEdit) return false;
			context.addCard(current ? layout.lanes[layout.byId.get(current)!.lane].key : undefined);
			return true;
		case 'p':
		case 'P': {
			if (!canEdit || !current) return false;
			const ids = editor.selected.has(current) ? editor.selection : [current];
			editor.toggleParked(ids);
			context.focusCard(current);
			return true;
		}
		case 'x':
		case 'X':
			if (current) editor.toggle(current);
			return current !== null;
		case 'Delete':
		case 'Backspace': {
			if (!canEdit || editor.selection.length === 0) return false;
			const next =
				current && (neighbourCard(layout, current, 'down') ?? neighbourCard(layout, current, 'up'));
			editor.deleteSelected();
			if (next && layout.byId.has(next)) context.focusCard(next);
			return true;
		}
		case 'Escape':
			editor.select([]);
			return true;
		case '+':
		case '=':
			camera.zoomIn();
			return true;
		case '-':
		case '_':
			camera.zoomOut();
			return true;
		case '0':
			camera.fit(layout.bounds);
			return true;
		case '?':
			context.showHelp();
			return true;
	}
	if (/^[1-9]$/.test(event.key)) {
		const lane = layout.lanes[Number(event.key) - 1];
		if (lane) camera.showLane(lane);
		return lane !== undefined;
	}
	return false;
}
