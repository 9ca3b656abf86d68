// Pre-flight for `npm run test:e2e`: say how to get a browser instead of failing obscurely.
// It installs nothing.
import { findBrowser } from './browser.js';

const browser = findBrowser();
if (!browser.ok) {
	console.error(browser.message);
	process.exit(1);
}
console.log(`End-to-end tests will drive ${browser.executable}`);
