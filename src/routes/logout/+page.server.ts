import { redirect } from '@sveltejs/kit';
import { deleteSessionTokenCookie } from '$lib/server/auth/cookie';
import { invalidateSession } from '$lib/server/auth/session';
import { getDb } from '$lib/server/runtime';
import type { Actions, PageServerLoad } from './$types';

/** Signing out changes state, so it is a POST only; a plain visit just goes home. */
export const load: PageServerLoad = () => {
	redirect(303, '/');
};

export const actions: Actions = {
	/** Ends this session (others on other devices stay), clears the cookie, shows the sign-in page. */
	default: (event) => {
		if (event.locals.session) invalidateSession(getDb(), event.locals.session.id);
		deleteSessionTokenCookie(event);
		event.locals.user = null;
		event.locals.session = null;
		redirect(303, '/login');
	}
};
