/**
 * `column IN (…)` for long lists of ids, as one bound parameter: the ids go in as a JSON array
 * read by SQLite's json_each. Drizzle's inArray binds one parameter per id and builds the query
 * anew each time, which for the thousands of ids the sync server's access check looks up every
 * few seconds cost more than the query, held the event loop, and could pass SQLite's limit on
 * bound parameters.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';

/** `column IN (ids…)` with the ids bound as one JSON parameter. */
export function inIdList(column: SQLiteColumn, ids: readonly string[]): SQL {
	return sql`${column} in (select value from json_each(${JSON.stringify(ids)}))`;
}
