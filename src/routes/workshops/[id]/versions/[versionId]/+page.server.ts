import { error } from '@sveltejs/kit';
import { resolveExport } from '$lib/server/plan-exports';
import { getBoardStore, getDb } from '$lib/server/runtime';
import { getVersion } from '$lib/server/versions';
import { getWorkshop } from '$lib/server/workshops';
import type { PageServerLoad } from './$types';

/** A saved version, read-only: its plan as the exports see it. */
export const load: PageServerLoad = async ({ params, parent }) => {
	await parent(); // membership is checked by the layout
	const db = getDb();
	const workshop = getWorkshop(db, params.id);
	const version = getVersion(db, params.id, params.versionId);
	if (!workshop || !version) error(404, 'There is no such version of this workshop.');
	const resolved = resolveExport(db, getBoardStore(), workshop, version.id);
	if (!resolved.ok) error(resolved.status, resolved.message);
	return {
		/** The version's details, without its bytes. */
		version: {
			id: version.id,
			number: version.number,
			name: version.name,
			kind: version.kind,
			authorName: version.authorName,
			contentHash: version.contentHash,
			summary: version.summary,
			createdAt: version.createdAt
		},
		/** The version's plan, grouped by pillar. */
		plan: resolved.plan
	};
};
