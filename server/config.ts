/** Server configuration, read from the environment (adapter-node does not read .env files). */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEFAULT_PORT = 3000;
export const DEFAULT_DATABASE_PATH = './data/pillarboard.db';

/** The committed drizzle-kit migrations, found relative to this file. */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../drizzle', import.meta.url));

export interface ServerConfig {
	port: number;
	/** Interface to listen on; undefined listens on all. */
	host: string | undefined;
	/** Public origin, e.g. `https://pillarboard.example.gov.uk`; null in local use. */
	origin: string | null;
	databasePath: string;
}

/** Reads and checks the configuration; throws an Error with a readable message if it is wrong. */
export function readConfig(env: NodeJS.ProcessEnv): ServerConfig {
	const port = env.PORT === undefined || env.PORT === '' ? DEFAULT_PORT : Number(env.PORT);
	if (!Number.isInteger(port) || port < 0 || port > 65_535) {
		throw new Error(`PORT must be a whole number from 0 to 65535, not "${env.PORT}".`);
	}
	let origin: string | null = null;
	if (env.ORIGIN) {
		try {
			origin = new URL(env.ORIGIN).origin;
		} catch {
			throw new Error(
				`ORIGIN must be a URL such as https://pillarboard.example.org, not "${env.ORIGIN}".`
			);
		}
	}
	return {
		port,
		host: env.HOST || undefined,
		origin,
		databasePath: path.resolve(env.DATABASE_PATH || DEFAULT_DATABASE_PATH)
	};
}
