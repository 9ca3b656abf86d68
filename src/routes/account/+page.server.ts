import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import {
	changePassword,
	checkTokenLabel,
	listApiTokens,
	listSessions,
	renameUser,
	revokeApiToken,
	revokeSession,
	MAX_TOKEN_LABEL_LENGTH
} from '$lib/server/account';
import { createApiToken } from '$lib/server/auth/api-token';
import { deleteSessionTokenCookie } from '$lib/server/auth/cookie';
import { PASSWORD_MIN_LENGTH } from '$lib/server/auth/password';
import { RateLimiter, describeWait } from '$lib/server/auth/rate-limit';
import { invalidateUserSessions, type SessionUser } from '$lib/server/auth/session';
import type { Session } from '$lib/server/db/schema';
import { getDb } from '$lib/server/runtime';
import { describeDevice } from '$lib/server/user-agent';
import { MAX_NAME_LENGTH } from '$lib/server/users';
import { getWorkshop } from '$lib/server/workshops';
import type { Actions, PageServerLoad } from './$types';

const LOGIN_HERE = '/login?redirectTo=%2Faccount';
const MINUTE_IN_MS = 60 * 1000;
/**
 * Password changes per account per 15 minutes. Someone at an unattended, signed-in laptop must
 * not be able to guess the current password (and so take the account over) at leisure.
 */
const passwordChangesPerAccount = new RateLimiter(10, 15 * MINUTE_IN_MS);

/** Which part of the page a form's message belongs to. */
type Section = 'name' | 'password' | 'sessions' | 'tokens';

/** A form field as text; a missing or file field reads as empty. */
function field(form: FormData, name: string): string {
	const value = form.get(name);
	return typeof value === 'string' ? value : '';
}

/**
 * The signed-in account an action acts for, or null for a guest (who has none). Someone signed
 * out meanwhile, say from another device, is sent to sign in.
 */
function accountOf(event: RequestEvent): { user: SessionUser; session: Session } | null {
	const { user, session } = event.locals;
	if (!user || !session) redirect(303, LOGIN_HERE);
	return user.guestWorkshopId ? null : { user, session };
}

const GUEST_REFUSAL = 'Guests have no account settings to change.';

export const load: PageServerLoad = ({ locals }) => {
	const user = locals.user;
	if (!user || !locals.session) redirect(303, LOGIN_HERE);
	const db = getDb();
	if (user.guestWorkshopId) {
		const workshop = getWorkshop(db, user.guestWorkshopId);
		return {
			/** For a guest: the one workshop they joined, to link back to. */
			guestWorkshop: { id: user.guestWorkshopId, title: workshop?.title ?? 'your workshop' },
			account: null
		};
	}
	const currentSessionId = locals.session.id;
	return {
		guestWorkshop: null,
		account: {
			name: user.name,
			email: user.email,
			/** Signed-in devices, this one first, then the most recently used. */
			sessions: listSessions(db, user.id)
				.map((session) => ({
					id: session.id,
					device: describeDevice(session.userAgent),
					current: session.id === currentSessionId,
					signedInAt: session.createdAt,
					lastUsedAt: session.lastUsedAt ?? session.createdAt
				}))
				.sort((a, b) => Number(b.current) - Number(a.current)),
			/** Personal API tokens: label and times only; a token is shown once, when created. */
			tokens: listApiTokens(db, user.id)
		},
		maxNameLength: MAX_NAME_LENGTH,
		maxTokenLabelLength: MAX_TOKEN_LABEL_LENGTH,
		passwordMinLength: PASSWORD_MIN_LENGTH
	};
};

export const actions: Actions = {
	/** Changes the display name shown on boards, plans and the top bar. */
	rename: async (event) => {
		const section = 'name' satisfies Section;
		const account = accountOf(event);
		if (!account) return fail(403, { section, message: GUEST_REFUSAL });
		const name = field(await event.request.formData(), 'name');
		const renamed = renameUser(getDb(), account.user.id, name);
		if (!renamed.ok) return fail(400, { section, message: renamed.message, name });
		return { section, success: 'Your name has been changed.' };
	},

	/** Changes the password after checking the current one; every other device is signed out. */
	changePassword: async (event) => {
		const section = 'password' satisfies Section;
		const account = accountOf(event);
		if (!account) return fail(403, { section, message: GUEST_REFUSAL });
		const { user, session } = account;
		const form = await event.request.formData();
		const current = field(form, 'currentPassword');
		const next = field(form, 'newPassword');
		if (current === '') return fail(400, { section, message: 'Enter your current password.' });
		if (next === '') return fail(400, { section, message: 'Enter the new password you want.' });
		if (next !== field(form, 'confirmPassword')) {
			return fail(400, {
				section,
				message: 'The new password and its confirmation differ. Type the new password twice.'
			});
		}

		const attempt = passwordChangesPerAccount.consume(user.id);
		if (!attempt.allowed) {
			return fail(429, {
				section,
				message: `Too many attempts to change your password. Try again ${describeWait(attempt.retryAfterMs)}.`
			});
		}
		const changed = await changePassword(getDb(), user.id, current, next, session.id);
		if (!changed.ok) return fail(400, { section, message: changed.message });

		passwordChangesPerAccount.reset(user.id);
		const others = changed.otherSessionsEnded;
		const signedOut =
			others === 0
				? ''
				: others === 1
					? ', and your other device has been signed out'
					: `, and your ${others} other devices have been signed out`;
		return { section, success: `Your password has been changed${signedOut}.` };
	},

	/** Signs one device out; choosing this device signs out here, as the top bar's button does. */
	signOutSession: async (event) => {
		const section = 'sessions' satisfies Section;
		const account = accountOf(event);
		if (!account) return fail(403, { section, message: GUEST_REFUSAL });
		const { user, session } = account;
		const sessionId = field(await event.request.formData(), 'sessionId');
		const db = getDb();
		if (sessionId === session.id) {
			revokeSession(db, user.id, sessionId);
			deleteSessionTokenCookie(event);
			redirect(303, '/login');
		}
		if (!revokeSession(db, user.id, sessionId)) {
			return fail(400, { section, message: 'That device is already signed out.' });
		}
		return { section, success: 'That device has been signed out.' };
	},

	/** Ends every session of the account, this one included, and so closes its open boards. */
	signOutEverywhere: (event) => {
		const section = 'sessions' satisfies Section;
		const account = accountOf(event);
		if (!account) return fail(403, { section, message: GUEST_REFUSAL });
		invalidateUserSessions(getDb(), account.user.id);
		deleteSessionTokenCookie(event);
		event.locals.user = null;
		event.locals.session = null;
		redirect(303, '/login');
	},

	/** Creates a personal API token and returns it this once; only its hash is kept. */
	createToken: async (event) => {
		const section = 'tokens' satisfies Section;
		const account = accountOf(event);
		if (!account) return fail(403, { section, message: GUEST_REFUSAL });
		const label = field(await event.request.formData(), 'label').trim();
		const problem = checkTokenLabel(label);
		if (problem) return fail(400, { section, message: problem, label });
		const token = createApiToken(getDb(), account.user.id, label);
		return { section, createdToken: { label, token } };
	},

	/** Revokes one of the account's API tokens; scripts using it can no longer connect. */
	revokeToken: async (event) => {
		const section = 'tokens' satisfies Section;
		const account = accountOf(event);
		if (!account) return fail(403, { section, message: GUEST_REFUSAL });
		const tokenId = field(await event.request.formData(), 'tokenId');
		const db = getDb();
		const token = listApiTokens(db, account.user.id).find((token) => token.id === tokenId);
		if (!token || !revokeApiToken(db, account.user.id, tokenId)) {
			return fail(400, { section, message: 'That token has already been revoked.' });
		}
		return {
			section,
			success: token.label
				? `The token “${token.label}” has been revoked.`
				: 'The token has been revoked.'
		};
	}
};
