/**
 * Undo and redo for one person. Only changes made in this tab are recorded (transactions with
 * no origin, which is what the board helpers make); changes that arrive from the server carry
 * the provider as their origin and are never undone here, so Ctrl+Z cannot take back someone
 * else's work. Undoing a change that someone has since built on keeps their later edits.
 */
import * as Y from 'yjs';
import { ROOT } from '$lib/board/board-doc';

/** Edits closer together than this are undone as one step (a burst of typing, say). */
const CAPTURE_MS = 600;

export class UndoHistory {
	canUndo = $state(false);
	canRedo = $state(false);
	readonly #manager: Y.UndoManager;

	constructor(doc: Y.Doc) {
		this.#manager = new Y.UndoManager([doc.getMap(ROOT.cards), doc.getMap(ROOT.pillars)], {
			// eslint-disable-next-line svelte/prefer-svelte-reactivity -- built once and only read, or not state at all
			trackedOrigins: new Set([null]),
			captureTimeout: CAPTURE_MS
		});
		for (const event of ['stack-item-added', 'stack-item-popped', 'stack-cleared'] as const) {
			this.#manager.on(event, this.#refresh);
		}
	}

	/** Takes back my last change; returns whether there was one. */
	undo(): boolean {
		return this.#manager.undo() !== null;
	}

	/** Puts back my last undone change; returns whether there was one. */
	redo(): boolean {
		return this.#manager.redo() !== null;
	}

	/**
	 * Keeps every change until the next `stopCapturing` in the current step, however slowly it
	 * comes: a new card and the text first typed into it are undone together.
	 */
	holdStep(): void {
		this.#manager.captureTimeout = Number.POSITIVE_INFINITY;
	}

	/** Ends the current step, so the next edit is undone on its own. */
	stopCapturing(): void {
		this.#manager.captureTimeout = CAPTURE_MS;
		this.#manager.stopCapturing();
	}

	destroy(): void {
		this.#manager.destroy();
	}

	#refresh = () => {
		this.canUndo = this.#manager.canUndo();
		this.canRedo = this.#manager.canRedo();
	};
}
