/**
 * The database connection and board store used by SvelteKit handlers, opened once from
 * DATABASE_PATH (which server/ sets to the resolved path it migrated before loading the app).
 */
import { env } from '$env/dynamic/private';
import { createDb, type Db } from './db/index.ts';
import { SqliteBoardStore } from './board-store-sqlite.ts';

let db: Db | undefined;
let store: SqliteBoardStore | undefined;

/** The app's database. */
export function getDb(): Db {
	db ??= createDb(env.DATABASE_PATH || './data/pillarboard.db');
	return db;
}

/** The board store on the app's database. */
export function getBoardStore(): SqliteBoardStore {
	store ??= new SqliteBoardStore(getDb());
	return store;
}
