/**
 * Who is editing which action, through awareness. Each browser announces the action and field it
 * has focus in under the `editing` key (the server stamps `user` on every state, so the name shown
 * is the account's, whatever a client claims). Read defensively: any client can write anything.
 */
import type { Awareness } from 'y-protocols/awareness';
import { presenceColour } from './board-connection.svelte';

/** The awareness key this view writes. */
export const EDITING_KEY = 'editing';

/** Someone else editing an action. */
export interface ActionEditor {
	userId: string;
	name: string;
	colour: string;
	/** The field they are in, e.g. `description`, `indicator:<id>:target`. */
	field: string;
}

function readEditing(state: Record<string, unknown>): { actionId: string; field: string } | null {
	const editing = state[EDITING_KEY];
	if (typeof editing !== 'object' || editing === null) return null;
	const { actionId, field } = editing as Record<string, unknown>;
	if (typeof actionId !== 'string' || actionId === '') return null;
	return { actionId, field: typeof field === 'string' ? field.slice(0, 100) : '' };
}

export class PlanPresence {
	/** Others editing, by action id (one entry per person). */
	byAction = $state.raw<Record<string, ActionEditor[]>>({});

	readonly #awareness: Awareness;
	readonly #selfId: string;

	constructor(awareness: Awareness, selfId: string) {
		this.#awareness = awareness;
		this.#selfId = selfId;
		awareness.on('change', this.#read);
		this.#read();
	}

	/** Announces the field this browser is editing, or that it is editing nothing. */
	setEditing(actionId: string | null, field = ''): void {
		this.#awareness.setLocalStateField(EDITING_KEY, actionId ? { actionId, field } : null);
	}

	destroy(): void {
		this.#awareness.off('change', this.#read);
		if (this.#awareness.getLocalState()) this.setEditing(null);
	}

	#read = () => {
		// No prototype: an action id is whatever a peer announces, `__proto__` included.
		const next: Record<string, ActionEditor[]> = Object.create(null);
		for (const state of this.#awareness.getStates().values()) {
			const editing = readEditing(state);
			const user = state.user as Record<string, unknown> | undefined;
			if (!editing || typeof user?.id !== 'string' || typeof user.name !== 'string') continue;
			if (user.id === this.#selfId) continue;
			const list = next[editing.actionId] ?? [];
			if (list.some((each) => each.userId === user.id)) continue;
			list.push({
				userId: user.id,
				name: user.name.trim().slice(0, 80) || 'Someone',
				colour: presenceColour(user.id),
				field: editing.field
			});
			next[editing.actionId] = list;
		}
		this.byAction = next;
	};
}
