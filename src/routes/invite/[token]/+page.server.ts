import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { listPartners } from '$lib/board/board-doc';
import { setSessionTokenCookie } from '$lib/server/auth/cookie';
import { RateLimiter, clientAddress, describeWait } from '$lib/server/auth/rate-limit';
import { createSession, generateToken, invalidateSession } from '$lib/server/auth/session';
import { BoardLoadError, loadBoardDoc } from '$lib/server/board-store';
import type { Role } from '$lib/server/db/schema';
import { checkGuestName, joinAsGuest, redeemInvite } from '$lib/server/invite-redemption';
import { inspectInvite, refusalMessage, type InviteState } from '$lib/server/invites';
import { getMembership } from '$lib/server/members';
import { getBoardStore, getDb } from '$lib/server/runtime';
import { formatDay } from '$lib/server/uk-time';
import { MAX_NAME_LENGTH } from '$lib/server/users';
import type { Actions, PageServerLoad } from './$types';

const MINUTE_IN_MS = 60 * 1000;
/**
 * Joins through invite links (with an account or as a guest) per address per 10 minutes. Enough
 * for a whole workshop room joining over the venue's one address; it stops one machine creating
 * guests by the thousand through a leaked link.
 */
const joinsPerAddress = new RateLimiter(60, 10 * MINUTE_IN_MS);

const ROLE_PHRASES: Record<Role, string> = {
	facilitator: 'a facilitator',
	partner: 'a partner',
	observer: 'an observer'
};

/** What a refused link's page says, with 404 for a link that never existed, 410 for one that ended. */
function refuse(
	inspected: ReturnType<typeof inspectInvite>,
	state: Exclude<InviteState, 'valid'>
): never {
	error(state === 'unknown' ? 404 : 410, refusalMessage({ ...inspected, state }));
}

/** Counts a join from this address; the sentence to show when there have been too many. */
function tooManyJoins(event: RequestEvent): string | null {
	const limit = joinsPerAddress.consume(clientAddress(event));
	if (limit.allowed) return null;
	return `Too many people have joined through invite links from this network just now. Try again ${describeWait(limit.retryAfterMs)}.`;
}

/** The name of the link's partner organisation on the board, if it has one and it is still there. */
function partnerName(workshopId: string, partnerId: string | null): string | null {
	if (!partnerId) return null;
	try {
		const { doc } = loadBoardDoc(getBoardStore(), workshopId);
		const partner = listPartners(doc).find((p) => p.id === partnerId);
		doc.destroy();
		return partner ? partner.name : null;
	} catch (cause) {
		if (cause instanceof BoardLoadError) return null;
		throw cause;
	}
}

export const load: PageServerLoad = (event) => {
	const { locals, params } = event;
	const db = getDb();
	const inspected = inspectInvite(db, params.token);
	const { invite, workshop } = inspected;
	if (!invite || !workshop) refuse(inspected, 'unknown');
	const board = `/workshops/${workshop.id}`;

	// A guest account belongs to one workshop: for any other, its holder counts as signed out.
	const user = locals.user;
	const account =
		user && (user.guestWorkshopId === null || user.guestWorkshopId === workshop.id) ? user : null;
	// Members go straight to their board, whatever has become of the link since.
	if (account && getMembership(db, workshop.id, account.id)) redirect(303, board);
	if (inspected.state !== 'valid') refuse(inspected, inspected.state);

	if (account) {
		const refused = tooManyJoins(event);
		if (refused) error(429, refused);
		const result = redeemInvite(db, params.token, account.id);
		if (result.ok) redirect(303, board);
		error(result.state === 'unknown' ? 404 : 410, result.message);
	}

	return {
		/** The workshop the link leads to. */
		workshop: { title: workshop.title, place: workshop.place },
		/** "a partner", "an observer": the role the link gives. */
		rolePhrase: ROLE_PHRASES[invite.role],
		/** The partner organisation people joining speak for, if any. */
		partnerName: partnerName(workshop.id, invite.partnerId),
		/** Who created the link, if their account still exists. */
		createdByName: inspected.createdByName ?? null,
		/** The last day the link works, e.g. "8 Nov 2026". */
		expiresLabel: formatDay(invite.expiresAt),
		/** Whether the link lets someone join with only a name. */
		allowGuests: invite.allowGuests,
		/** This page: signing up or in comes back here, and so into the workshop. */
		invitePath: `/invite/${params.token}`,
		/** Set when the visitor is a guest of another workshop: joining here ends that visit. */
		guestElsewhere: user !== null && account === null,
		maxNameLength: MAX_NAME_LENGTH
	};
};

export const actions: Actions = {
	/** Joins with only a display name: a guest account for this workshop, and a session for it. */
	guest: async (event) => {
		const { locals, params, request } = event;
		const form = await request.formData();
		const field = form.get('name');
		const name = typeof field === 'string' ? field.trim() : '';
		const nameProblem = checkGuestName(name);
		if (nameProblem) return fail(400, { message: nameProblem, name });
		const refused = tooManyJoins(event);
		if (refused) return fail(429, { message: refused, name });

		const db = getDb();
		// Someone signed in (in another tab, say) joins with that account, or goes to their board if
		// already a member; only a guest of another workshop goes on to become a guest here.
		if (locals.user) {
			const result = redeemInvite(db, params.token, locals.user.id);
			if (result.ok) redirect(303, `/workshops/${result.workshopId}`);
			if (locals.user.guestWorkshopId === null) {
				return fail(result.state === 'unknown' ? 404 : 410, { message: result.message, name });
			}
		}

		const result = joinAsGuest(db, params.token, name);
		if (!result.ok) {
			return fail(result.state === 'valid' ? 400 : 410, { message: result.message, name });
		}
		// A guest visit to another workshop ends here: its cookie is about to be replaced.
		if (locals.session) invalidateSession(db, locals.session.id);
		const token = generateToken();
		const session = createSession(db, token, result.userId, request.headers.get('user-agent'));
		setSessionTokenCookie(event, token, session.expiresAt);
		redirect(303, `/workshops/${result.workshopId}`);
	}
};
