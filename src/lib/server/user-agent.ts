/**
 * A User-Agent header as a few words a person recognises ("Firefox on Windows"), for the list of
 * signed-in devices. Deliberately small: it names the common browsers and systems and says
 * "Unknown device" for the rest, rather than guessing.
 */

export const UNKNOWN_DEVICE = 'Unknown device';

/** Browsers, most specific first: Edge, Opera and Samsung Internet also say "Chrome" and "Safari". */
const BROWSERS: ReadonlyArray<readonly [RegExp, string]> = [
	[/\bEdg(?:e|A|iOS)?\//, 'Edge'],
	[/\b(?:OPR|Opera)\//, 'Opera'],
	[/\bSamsungBrowser\//, 'Samsung Internet'],
	[/\b(?:Firefox|FxiOS)\//, 'Firefox'],
	[/\b(?:HeadlessChrome|Chrome|Chromium|CriOS)\//, 'Chrome'],
	[/\bVersion\/[\d.]+.*\bSafari\//, 'Safari']
];

/** Systems, most specific first: iPhones and iPads say "like Mac OS X", Android says "Linux". */
const SYSTEMS: ReadonlyArray<readonly [RegExp, string]> = [
	[/\biPhone\b/, 'iPhone'],
	[/\biPad\b/, 'iPad'],
	[/\bAndroid\b/, 'Android'],
	[/\bCrOS\b/, 'ChromeOS'],
	[/\bWindows\b/, 'Windows'],
	[/\bMac(?:intosh| OS X)\b/, 'macOS'],
	[/\bLinux\b/, 'Linux']
];

/** Programs that are not browsers, matched at the start of the header ("curl/8.5.0"). */
const PROGRAMS: ReadonlyArray<readonly [RegExp, string]> = [
	[/^pillarboard\b/i, 'pillarboard CLI'],
	[/^curl\//i, 'curl'],
	[/^(?:node|undici)\b/i, 'Node.js script'],
	[/^python-/i, 'Python script']
];

function firstMatch(text: string, patterns: ReadonlyArray<readonly [RegExp, string]>) {
	return patterns.find(([pattern]) => pattern.test(text))?.[1] ?? null;
}

/** "Chrome on Linux", "Safari on iPhone", "pillarboard CLI", "Firefox", or "Unknown device". */
export function describeDevice(userAgent: string | null | undefined): string {
	const header = (userAgent ?? '').trim();
	if (header === '') return UNKNOWN_DEVICE;
	const program = firstMatch(header, PROGRAMS);
	if (program) return program;
	const browser = firstMatch(header, BROWSERS);
	const system = firstMatch(header, SYSTEMS);
	if (browser && system) return `${browser} on ${system}`;
	return browser ?? (system ? `A browser on ${system}` : UNKNOWN_DEVICE);
}
