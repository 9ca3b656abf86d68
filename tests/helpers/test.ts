/**
 * The `test` every end-to-end spec uses: Playwright's own, plus closing the browser contexts a
 * test opened itself (`browser.newContext()`, as the sign-up helpers do). The `browser` lives as
 * long as its worker, so without this every page of every earlier test stays open, live on its
 * board, and a long run slows to a crawl. Failure screenshots and traces are taken before this
 * teardown runs.
 */
import { test as base } from '@playwright/test';

export const test = base.extend<{ closeOwnContexts: void }>({
	closeOwnContexts: [
		async ({ browser }, use) => {
			await use();
			await Promise.all(browser.contexts().map((context) => context.close()));
		},
		{ auto: true }
	]
});

export { expect } from '@playwright/test';
