import { error, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/runtime';
import { canEdit, getMembership } from '$lib/server/members';
import { getWorkshop } from '$lib/server/workshops';
import type { LayoutServerLoad } from './$types';

/** Everything under a workshop is for its signed-in members only. */
export const load: LayoutServerLoad = ({ locals, params, url }) => {
	const user = locals.user;
	if (!user) redirect(303, `/login?redirectTo=${encodeURIComponent(url.pathname)}`);
	const db = getDb();
	const workshop = getWorkshop(db, params.id);
	if (!workshop) error(404, 'There is no workshop with this id.');
	const membership = getMembership(db, workshop.id, user.id);
	if (!membership) {
		error(403, 'You are not a member of this workshop. Ask its facilitator for an invite.');
	}
	const { role } = membership;
	return {
		/** The workshop as stored (the board document holds its live content). */
		workshop: {
			id: workshop.id,
			title: workshop.title,
			place: workshop.place,
			pillarPreset: workshop.pillarPreset
		},
		/** The signed-in member's role in this workshop. */
		role,
		/** Whether this member may change the board (observers may not). */
		canEdit: canEdit(role),
		/** The signed-in member. */
		user,
		/** The partner organisation (board partner id) this member speaks for, if any. */
		partnerId: membership.partnerId
	};
};
