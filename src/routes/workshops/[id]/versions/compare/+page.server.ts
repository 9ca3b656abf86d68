import { error } from '@sveltejs/kit';
import { ACTION_FIELD_LABELS } from '$lib/board/plan-labels';
import { describeComparison, fieldValueText } from '$lib/board/plan-compare';
import { currentBoardState } from '$lib/server/live-boards';
import { getBoardStore, getDb } from '$lib/server/runtime';
import { compareStates, getVersion } from '$lib/server/versions';
import type { PageServerLoad } from './$types';

/** Two states of the board, compared: actions added, removed, and changed field by field. */
export const load: PageServerLoad = async ({ params, parent, url }) => {
	await parent(); // membership is checked by the layout
	const db = getDb();
	const side = (name: 'from' | 'to') => {
		const id = url.searchParams.get(name)?.trim() || 'current';
		if (id === 'current') {
			return {
				label: 'the board as it is now',
				state: currentBoardState(getBoardStore(), params.id)
			};
		}
		const version = getVersion(db, params.id, id);
		if (!version) error(404, `There is no version "${id}" of this workshop to compare.`);
		return { label: `version ${version.number} (${version.name})`, state: version.state };
	};
	const from = side('from');
	const to = side('to');
	const comparison = compareStates(from.state, to.state);
	return {
		from: from.label,
		to: to.label,
		summary: describeComparison(comparison),
		added: comparison.added,
		removed: comparison.removed,
		changed: comparison.changed.map((action) => ({
			...action,
			changes: action.changes.map((change) => ({
				field: ACTION_FIELD_LABELS[change.field] ?? change.field,
				before: fieldValueText(change.before),
				after: fieldValueText(change.after)
			}))
		}))
	};
};
