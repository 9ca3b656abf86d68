/** The session cookie: HttpOnly, SameSite=Lax, Secure whenever the app is served over https. */
import type { RequestEvent } from '@sveltejs/kit';
import { SESSION_COOKIE_NAME } from './session.ts';

/** Sets the session cookie to expire with the session. */
export function setSessionTokenCookie(event: RequestEvent, token: string, expiresAt: number): void {
	event.cookies.set(SESSION_COOKIE_NAME, token, {
		httpOnly: true,
		sameSite: 'lax',
		secure: event.url.protocol === 'https:',
		expires: new Date(expiresAt),
		path: '/'
	});
}

/** Removes the session cookie. */
export function deleteSessionTokenCookie(event: RequestEvent): void {
	event.cookies.delete(SESSION_COOKIE_NAME, { path: '/' });
}
