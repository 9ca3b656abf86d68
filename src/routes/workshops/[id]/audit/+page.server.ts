import { error } from '@sveltejs/kit';
import { listAudit } from '$lib/server/audit';
import { getDb } from '$lib/server/runtime';
import type { PageServerLoad } from './$types';

/** The workshop's audit log, newest first: for facilitators only. */
export const load: PageServerLoad = async ({ params, parent }) => {
	const { role } = await parent(); // membership is checked by the layout
	if (role !== 'facilitator') error(403, 'Only facilitators can see the audit log.');
	return {
		/** Who did what and when, newest first (the latest 500 events). */
		events: listAudit(getDb(), params.id).map(({ id, actorName, detail, createdAt }) => ({
			id,
			actorName,
			detail,
			createdAt
		}))
	};
};
