import { fail, redirect } from '@sveltejs/kit';
import { setSessionTokenCookie } from '$lib/server/auth/cookie';
import { RateLimiter, clientAddress, describeWait } from '$lib/server/auth/rate-limit';
import { safeRedirectTarget } from '$lib/server/auth/redirect';
import { createSession, generateToken } from '$lib/server/auth/session';
import { PASSWORD_MAX_LENGTH } from '$lib/server/auth/password';
import { getDb } from '$lib/server/runtime';
import { authenticateUser, normaliseEmail } from '$lib/server/users';
import type { Actions, PageServerLoad } from './$types';

const MINUTE_IN_MS = 60 * 1000;
const WINDOW_MS = 15 * MINUTE_IN_MS;
/**
 * Per address, generous: everyone in a workshop room usually shares the venue's one address, and
 * fifty people signing in at the start of a session must not lock each other out. This stops
 * one machine spraying guesses across many accounts.
 */
const signInsPerAddress = new RateLimiter(100, WINDOW_MS);
/** Per account, strict: stops guessing one person's password. A success clears the count. */
const signInsPerAccount = new RateLimiter(10, WINDOW_MS);

const WRONG_CREDENTIALS = 'That email and password do not match an account.';

export const load: PageServerLoad = ({ locals, url }) => {
	// A guest is signed in to one workshop only: they may still sign in or create an account.
	if (locals.user && !locals.user.guestWorkshopId) {
		redirect(303, safeRedirectTarget(url.searchParams.get('redirectTo')));
	}
	return {
		/** Carried to the sign-up link so a new account also lands where the person was going. */
		redirectTo: url.searchParams.get('redirectTo')
	};
};

export const actions: Actions = {
	/** Checks the email and password, starts a session and goes on to where the person was going. */
	default: async (event) => {
		const form = await event.request.formData();
		const emailField = form.get('email');
		const passwordField = form.get('password');
		const email = typeof emailField === 'string' ? emailField.trim() : '';
		const password = typeof passwordField === 'string' ? passwordField : '';
		if (email === '' || password === '') {
			return fail(400, { message: 'Enter your email and password.', email });
		}

		const byAddress = signInsPerAddress.consume(clientAddress(event));
		if (!byAddress.allowed) {
			return fail(429, {
				message: `Too many sign-in attempts from this network. Try again ${describeWait(byAddress.retryAfterMs)}.`,
				email
			});
		}
		const accountKey = normaliseEmail(email);
		const byAccount = signInsPerAccount.consume(accountKey);
		if (!byAccount.allowed) {
			return fail(429, {
				message: `Too many sign-in attempts for this account. Try again ${describeWait(byAccount.retryAfterMs)}.`,
				email
			});
		}

		const db = getDb();
		// No password can be longer than we let anyone choose; don't spend hashing time on one.
		const user =
			password.length <= PASSWORD_MAX_LENGTH ? await authenticateUser(db, email, password) : null;
		if (!user) return fail(400, { message: WRONG_CREDENTIALS, email });

		signInsPerAccount.reset(accountKey);
		const token = generateToken();
		const session = createSession(db, token, user.id, event.request.headers.get('user-agent'));
		setSessionTokenCookie(event, token, session.expiresAt);
		redirect(303, safeRedirectTarget(event.url.searchParams.get('redirectTo')));
	}
};
