// Which Chromium the end-to-end tests drive. Plain JS so that the pre-flight check runs without tsx.
import fs from 'node:fs';
import { chromium } from '@playwright/test';

/** Debian's Chromium, used when present (Playwright cannot download its own browser everywhere). */
export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/** Flags that keep Chromium quiet and working as root in a sandboxed machine without network. */
export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run'
];

/**
 * The executable to launch: $PILLARBOARD_CHROMIUM if set ("playwright" means Playwright's own
 * download), else Debian's Chromium if installed, else Playwright's own. Undefined means
 * Playwright's own browser.
 */
export function chromiumExecutable() {
	const chosen = process.env.PILLARBOARD_CHROMIUM;
	if (chosen === 'playwright') return undefined;
	if (chosen) return chosen;
	return fs.existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined;
}

/** Whether the browser the tests would launch exists, and a sentence on how to get one if not. */
export function findBrowser() {
	const executable = chromiumExecutable() ?? chromium.executablePath();
	if (fs.existsSync(executable)) return { ok: true, executable };
	return {
		ok: false,
		message:
			`No Chromium found at ${executable}. Install one with \`sudo apt-get install chromium\` ` +
			'(Debian/Ubuntu), or run `npx playwright install chromium` and set ' +
			'PILLARBOARD_CHROMIUM=playwright, or point PILLARBOARD_CHROMIUM at a Chromium binary.'
	};
}
