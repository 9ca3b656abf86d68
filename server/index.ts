/**
 * `npm start`: the production server. Applies migrations, then serves the SvelteKit build and the
 * sync endpoint on one port (see serve.ts).
 */
import { readConfig } from './config.ts';
import { serve } from './serve.ts';

async function main(): Promise<void> {
	await serve(readConfig(process.env));
}

main().catch((error: Error) => {
	console.error(`Pillarboard could not start: ${error.message}`);
	if (error.cause) console.error(error.cause);
	process.exit(1);
});
