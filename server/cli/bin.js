#!/usr/bin/env node
// The `pillarboard` executable: lets Node load the TypeScript sources through tsx, then runs the CLI.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('./main.ts');

try {
	process.exitCode = await runCli(process.argv.slice(2));
} catch (error) {
	// Not an expected failure (those are handled in runCli): say so, with the details.
	console.error('pillarboard failed unexpectedly:', error);
	process.exitCode = 1;
}
