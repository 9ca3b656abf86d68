/**
 * Undo and redo for one person. Only changes made in this tab are recorded (transactions with
 * no origin, which is what the board helpers make); changes that arrive from the server carry
 * the provider as their origin and are never undone here, so Ctrl+Z cannot take back someone
 * else's work. Undoing a change that someone has since built on keeps their later edits. Each step
 * remembers the lanes it touched (noted just before the change is made), so that undoing it can be
 * refused under a lock before anything is written.
 */
import * as Y from 'yjs';
import { ROOT } from '$lib/board/board-doc';

/** Edits closer together than this are undone as one step (a burst of typing, say). */
const CAPTURE_MS = 600;
/** The key of a step's lanes in its meta. */
const LANES = 'lanes';

type Step = { meta: Map<string, unknown> };

/** The lanes a step touched, as noted. */
function lanesOf(step: Step | undefined): string[] {
	const lanes = step?.meta.get(LANES);
	return lanes instanceof Set ? [...(lanes as Set<string>)] : [];
}

/** Adds lanes to a step's. */
function addLanes(step: Step | undefined, lanes: Iterable<string>): void {
	if (!step) return;
	const known = step.meta.get(LANES);
	step.meta.set(LANES, new Set([...(known instanceof Set ? known : []), ...lanes]));
}

export class UndoHistory {
	canUndo = $state(false);
	canRedo = $state(false);
	readonly #manager: Y.UndoManager;
	/** Lanes of the change about to be made, for the step it lands in. */
	#pending: string[] = [];
	/** Whether an undo or redo is being carried out (its steps get their lanes from the step undone). */
	#replaying = false;

	constructor(doc: Y.Doc) {
		this.#manager = new Y.UndoManager([doc.getMap(ROOT.cards), doc.getMap(ROOT.pillars)], {
			// eslint-disable-next-line svelte/prefer-svelte-reactivity -- built once and only read, or not state at all
			trackedOrigins: new Set([null]),
			captureTimeout: CAPTURE_MS
		});
		for (const event of ['stack-item-added', 'stack-item-popped', 'stack-cleared'] as const) {
			this.#manager.on(event, this.#refresh);
		}
		for (const event of ['stack-item-added', 'stack-item-updated'] as const) {
			this.#manager.on(event, this.#notePending);
		}
	}

	/** Takes back my last change; returns whether there was one. */
	undo(): boolean {
		const lanes = this.nextUndoLanes();
		const done = this.#replay(() => this.#manager.undo() !== null);
		// Redoing it touches the same lanes.
		if (done) addLanes(this.#manager.redoStack.at(-1), lanes);
		return done;
	}

	/** Puts back my last undone change; returns whether there was one. */
	redo(): boolean {
		const lanes = this.nextRedoLanes();
		const done = this.#replay(() => this.#manager.redo() !== null);
		if (done) addLanes(this.#manager.undoStack.at(-1), lanes);
		return done;
	}

	/**
	 * Notes the lanes the change I am about to make touches (call just before making it; what is
	 * not used by the end of this task is forgotten).
	 */
	noteLanes(lanes: Iterable<string>): void {
		this.#pending = [...lanes];
		queueMicrotask(() => (this.#pending = []));
	}

	/** The lanes undoing would touch, as far as they were noted. */
	nextUndoLanes(): string[] {
		return lanesOf(this.#manager.undoStack.at(-1));
	}

	/** The lanes redoing would touch, as far as they were noted. */
	nextRedoLanes(): string[] {
		return lanesOf(this.#manager.redoStack.at(-1));
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

	#replay(run: () => boolean): boolean {
		this.#replaying = true;
		try {
			return run();
		} finally {
			this.#replaying = false;
		}
	}

	#notePending = ({ stackItem, type }: { stackItem: Step; type: 'undo' | 'redo' }) => {
		if (type === 'undo' && !this.#replaying) addLanes(stackItem, this.#pending);
		this.#pending = [];
	};

	#refresh = () => {
		this.canUndo = this.#manager.canUndo();
		this.canRedo = this.#manager.canRedo();
	};
}
