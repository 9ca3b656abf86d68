/**
 * Where to send a person after they sign in or up. Only a path on this site is accepted, so a
 * crafted `?redirectTo=` link cannot bounce a freshly signed-in person to another site.
 */

/** Longest redirect target we follow; anything longer is not a link we made. */
const MAX_TARGET_LENGTH = 2_000;
/** Any origin: used only to check that a path resolves to the same one. */
const PROBE_ORIGIN = 'http://pillarboard.invalid';

/**
 * `value` if it is a same-site path such as `/workshops/abc?x=1`, else `/`. Refuses `//host`
 * and `/\host` (browsers read both as another host) and control characters or whitespace
 * (browsers drop tabs and newlines, which turns `/\t/host` into `//host`).
 */
export function safeRedirectTarget(value: string | null): string {
	if (!value || value.length > MAX_TARGET_LENGTH) return '/';
	if (!value.startsWith('/') || value[1] === '/' || value[1] === '\\') return '/';
	// eslint-disable-next-line no-control-regex
	if (/[\s\u0000-\u001f\u007f\\]/.test(value)) return '/';
	let url: URL;
	try {
		url = new URL(value, PROBE_ORIGIN);
	} catch {
		return '/';
	}
	return url.origin === PROBE_ORIGIN ? value : '/';
}
