import { fail, redirect } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';
import { setSessionTokenCookie } from '$lib/server/auth/cookie';
import { PASSWORD_MIN_LENGTH } from '$lib/server/auth/password';
import { RateLimiter, clientAddress, describeWait } from '$lib/server/auth/rate-limit';
import { safeRedirectTarget } from '$lib/server/auth/redirect';
import { createSession, generateToken } from '$lib/server/auth/session';
import { getDb } from '$lib/server/runtime';
import { createUser } from '$lib/server/users';
import type { Actions, PageServerLoad } from './$types';

const HOUR_IN_MS = 60 * 60 * 1000;
/**
 * Sign-up attempts per address per hour, unless SIGNUPS_PER_HOUR says otherwise. Generous enough
 * for a whole workshop room joining over the venue's one address; low enough that one machine
 * cannot mass-create accounts or keep the server busy hashing passwords.
 */
const DEFAULT_SIGNUPS_PER_HOUR = 100;
let signUpsPerAddress: RateLimiter | undefined;

/** The limiter, made on first use (the environment is read then, not at import). */
function signUpLimiter(): RateLimiter {
	const configured = Number.parseInt(env.SIGNUPS_PER_HOUR ?? '', 10);
	const limit = configured > 0 ? configured : DEFAULT_SIGNUPS_PER_HOUR;
	signUpsPerAddress ??= new RateLimiter(limit, HOUR_IN_MS);
	return signUpsPerAddress;
}

export const load: PageServerLoad = ({ locals, url }) => {
	// A guest is signed in to one workshop only: they may still sign in or create an account.
	if (locals.user && !locals.user.guestWorkshopId) {
		redirect(303, safeRedirectTarget(url.searchParams.get('redirectTo')));
	}
	return {
		/** Carried to the sign-in link so the person still lands where they were going. */
		redirectTo: url.searchParams.get('redirectTo'),
		/** Shown as a hint under the password field. */
		passwordMinLength: PASSWORD_MIN_LENGTH
	};
};

export const actions: Actions = {
	/** Creates the account, signs the person in and goes on to where they were going. */
	default: async (event) => {
		const form = await event.request.formData();
		const field = (key: string) => {
			const value = form.get(key);
			return typeof value === 'string' ? value : '';
		};
		const name = field('name').trim();
		const email = field('email').trim();
		const password = field('password');

		const byAddress = signUpLimiter().consume(clientAddress(event));
		if (!byAddress.allowed) {
			return fail(429, {
				message: `Too many accounts have been created from this network. Try again ${describeWait(byAddress.retryAfterMs)}.`,
				name,
				email
			});
		}

		const db = getDb();
		const created = await createUser(db, { name, email, password });
		if (!created.ok) return fail(400, { message: created.message, name, email });

		const token = generateToken();
		const session = createSession(
			db,
			token,
			created.user.id,
			event.request.headers.get('user-agent')
		);
		setSessionTokenCookie(event, token, session.expiresAt);
		redirect(303, safeRedirectTarget(event.url.searchParams.get('redirectTo')));
	}
};
