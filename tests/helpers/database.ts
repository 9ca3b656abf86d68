/** Temp SQLite databases for tests, migrated like production, deleted afterwards. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDb, migrateDb, type Db } from '../../src/lib/server/db/index.ts';
import { MIGRATIONS_FOLDER } from '../../server/config.ts';

export interface TempDatabase {
	db: Db;
	file: string;
	/** Closes the connection and removes the files. */
	remove(): void;
}

/** A fresh, migrated database file in its own temp directory. */
export function createTempDatabase(): TempDatabase {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pillarboard-test-'));
	const file = path.join(dir, 'test.db');
	const db = createDb(file);
	migrateDb(db, MIGRATIONS_FOLDER);
	return {
		db,
		file,
		remove() {
			if (db.$client.open) db.$client.close();
			fs.rmSync(dir, { recursive: true, force: true });
		}
	};
}
