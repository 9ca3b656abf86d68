import fs from 'node:fs';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from './tests/helpers/browser.js';

const port = Number(process.env.E2E_PORT ?? 4321);
// One fresh database per run; workers inherit the variable so that they can seed it too.
process.env.E2E_DATABASE_PATH ??= path.resolve(`tests/.artifacts/e2e-${process.pid}.db`);
fs.mkdirSync(path.dirname(process.env.E2E_DATABASE_PATH), { recursive: true });

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: true,
	workers: 2,
	forbidOnly: !!process.env.CI,
	retries: 0,
	reporter: process.env.CI ? 'list' : [['list'], ['html', { open: 'never' }]],
	// Most specs drive two to four browsers through a whole workshop step; on 2 cores that takes time.
	timeout: 60_000,
	expect: { timeout: 5_000 },
	globalTeardown: './tests/e2e/global-teardown.ts',
	use: {
		baseURL: `http://127.0.0.1:${port}`,
		trace: 'retain-on-failure',
		screenshot: 'only-on-failure'
	},
	projects: [
		{
			name: 'chromium',
			use: {
				...devices['Desktop Chrome'],
				viewport: { width: 1600, height: 900 },
				launchOptions: { executablePath: chromiumExecutable(), args: CHROMIUM_ARGS }
			}
		}
	],
	webServer: {
		// The production server over the production build, as `npm start` runs it, and without
		// ORIGIN, as `npm run demo` runs it: each request's own origin is the allowed one.
		command: 'node --import tsx server/index.ts',
		url: `http://127.0.0.1:${port}/login`,
		reuseExistingServer: false,
		timeout: 60_000,
		env: {
			PORT: String(port),
			HOST: '127.0.0.1',
			DATABASE_PATH: process.env.E2E_DATABASE_PATH,
			// Every test signs people up from 127.0.0.1: more than a venue's hour allows.
			SIGNUPS_PER_HOUR: '10000'
		}
	}
});
