import { fail, redirect } from '@sveltejs/kit';
import { listPartners, type Partner } from '$lib/board/board-doc';
import { BoardLoadError, loadBoardDoc } from '$lib/server/board-store';
import { ROLES, type Role } from '$lib/server/db/schema';
import { getMembership, listMembers, removeMember, setMember } from '$lib/server/members';
import { getBoardStore, getDb } from '$lib/server/runtime';
import type { Actions, PageServerLoad } from './$types';

const ROLE_NAMES: Record<Role, string> = {
	facilitator: 'a facilitator',
	partner: 'a partner',
	observer: 'an observer'
};

/** The board's partner organisations, or null when the board's stored data cannot be read. */
function boardPartners(workshopId: string): Partner[] | null {
	try {
		const { doc } = loadBoardDoc(getBoardStore(), workshopId);
		const partners = listPartners(doc);
		doc.destroy();
		return partners;
	} catch (cause) {
		if (cause instanceof BoardLoadError) return null;
		throw cause;
	}
}

export const load: PageServerLoad = async ({ params, parent, depends }) => {
	const { role } = await parent(); // membership is checked by the layout
	depends('workshop:members');
	const isFacilitator = role === 'facilitator';
	const partners = boardPartners(params.id);
	return {
		/** Everyone in the workshop, facilitators first; emails only for facilitators. */
		members: listMembers(getDb(), params.id).map((member) => ({
			...member,
			email: isFacilitator ? member.email : null
		})),
		/** The board's partner organisations, to name each member's and to choose from. */
		partners: (partners ?? []).map(({ id, code, name }) => ({ id, code, name })),
		/** False when the board could not be read, so partner names are missing. */
		partnersKnown: partners !== null
	};
};

/** A form field as trimmed text; a missing or file field reads as empty. */
function text(form: FormData, name: string): string {
	const value = form.get(name);
	return typeof value === 'string' ? value.trim() : '';
}

/** The signed-in facilitator acting on this workshop, or the refusal to return. */
function facilitatorOf(locals: App.Locals, workshopId: string) {
	const user = locals.user;
	if (!user) return { refusal: fail(401, { message: 'Sign in to manage members.' }) };
	const membership = getMembership(getDb(), workshopId, user.id);
	if (membership?.role !== 'facilitator') {
		return {
			refusal: fail(403, { message: 'Only facilitators can change who is in this workshop.' })
		};
	}
	return { actor: { id: user.id, name: user.name } };
}

export const actions: Actions = {
	/** Changes a member's role and partner organisation. */
	change: async ({ request, locals, params }) => {
		const access = facilitatorOf(locals, params.id);
		if ('refusal' in access) return access.refusal;
		const { actor } = access;
		const form = await request.formData();
		const userId = text(form, 'userId');
		const role = text(form, 'role');
		const partnerId = text(form, 'partnerId');
		const db = getDb();
		const member = listMembers(db, params.id).find((each) => each.userId === userId);
		if (!member) {
			return fail(400, { message: 'That person is no longer a member of this workshop.', userId });
		}
		if (!(ROLES as readonly string[]).includes(role)) {
			return fail(400, { message: 'Choose facilitator, partner or observer.', userId });
		}
		// A member may keep a partner that has left the board; a new choice must be on it.
		const known = boardPartners(params.id)?.some((partner) => partner.id === partnerId) ?? false;
		if (partnerId !== '' && partnerId !== member.partnerId && !known) {
			return fail(400, {
				message: 'Choose one of the partner organisations on the board, or none.',
				userId
			});
		}
		const result = setMember(db, {
			workshopId: params.id,
			userId,
			role: role as Role,
			partnerId: partnerId === '' ? null : partnerId,
			actor
		});
		if (!result.ok) return fail(400, { message: result.message, userId });
		const saved =
			result.change === 'unchanged'
				? `Nothing to change for ${member.name}.`
				: result.change === 'role-changed'
					? `${member.name} is now ${ROLE_NAMES[role as Role]}.`
					: `Saved ${member.name}'s partner organisation.`;
		return { saved, userId };
	},

	/** Removes a member from the workshop (a guest's account goes with it). */
	remove: async ({ request, locals, params }) => {
		const access = facilitatorOf(locals, params.id);
		if ('refusal' in access) return access.refusal;
		const { actor } = access;
		const form = await request.formData();
		const userId = text(form, 'userId');
		const db = getDb();
		const member = listMembers(db, params.id).find((each) => each.userId === userId);
		const result = removeMember(db, { workshopId: params.id, userId, actor });
		if (!result.ok) return fail(400, { message: result.message, userId });
		// Facilitators who remove themselves can no longer see this page.
		if (userId === actor.id) redirect(303, '/');
		return { saved: `Removed ${member?.name ?? 'that person'} from this workshop.`, userId };
	}
};
