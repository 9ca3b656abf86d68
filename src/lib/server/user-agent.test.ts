import { describe, expect, it } from 'vitest';
import { UNKNOWN_DEVICE, describeDevice } from './user-agent.ts';

/** Real User-Agent headers, as browsers sent them, with the words a person should see. */
const EXAMPLES: ReadonlyArray<readonly [string, string]> = [
	[
		'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
		'Chrome on Linux'
	],
	[
		'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/124.0.6367.29 Safari/537.36',
		'Chrome on Linux'
	],
	[
		'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0',
		'Firefox on Windows'
	],
	[
		'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
		'Safari on iPhone'
	],
	[
		'Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/120.0.6099.119 Mobile/15E148 Safari/604.1',
		'Chrome on iPad'
	],
	[
		'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.3 Safari/605.1.15',
		'Safari on macOS'
	],
	[
		'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.51',
		'Edge on Windows'
	],
	[
		'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.0.0 Safari/537.36 OPR/109.0.0.0',
		'Opera on macOS'
	],
	[
		'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/24.0 Chrome/117.0.0.0 Mobile Safari/537.36',
		'Samsung Internet on Android'
	],
	[
		'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.82 Mobile Safari/537.36',
		'Chrome on Android'
	],
	[
		'Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
		'Chrome on ChromeOS'
	],
	['pillarboard/0.1.0 (node 20.19.0)', 'pillarboard CLI'],
	['curl/8.5.0', 'curl'],
	['node', 'Node.js script'],
	['python-requests/2.31.0', 'Python script']
];

describe('describeDevice', () => {
	it.each(EXAMPLES)('describes %s as "%s"', (userAgent, expected) => {
		expect(describeDevice(userAgent)).toBe(expected);
	});

	it('names the system alone when the browser is not one it knows', () => {
		expect(describeDevice('Mozilla/5.0 (X11; Linux x86_64) SomeBrowser/1.0')).toBe(
			'A browser on Linux'
		);
	});

	it('says "Unknown device" for a missing, empty or unrecognisable header', () => {
		expect(describeDevice(null)).toBe(UNKNOWN_DEVICE);
		expect(describeDevice(undefined)).toBe(UNKNOWN_DEVICE);
		expect(describeDevice('   ')).toBe(UNKNOWN_DEVICE);
		expect(describeDevice('Mozilla/5.0 (compatible; Something/1.0)')).toBe(UNKNOWN_DEVICE);
	});
});
