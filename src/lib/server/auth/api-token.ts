/** Personal API tokens for scripts (`Authorization: Bearer …`); only their hash is stored. */
import { eq } from 'drizzle-orm';
import { inIdList } from '../db/in-list.ts';
import type { Db } from '../db/index.ts';
import { apiTokens, users } from '../db/schema.ts';
import { generateToken, hashToken, type SessionUser } from './session.ts';

/** Prefix that makes a leaked token easy to recognise (and to scan for). */
export const API_TOKEN_PREFIX = 'pbt_';

/** Creates a token for a user and returns it; this is the only time it is visible. */
export function createApiToken(db: Db, userId: string, label = '', now = Date.now()): string {
	const token = API_TOKEN_PREFIX + generateToken();
	db.insert(apiTokens)
		.values({ id: hashToken(token), userId, label, createdAt: now })
		.run();
	return token;
}

/** Which of these token ids (hashes) still exist, i.e. have not been revoked. */
export function existingApiTokenIds(db: Db, ids: string[]): Set<string> {
	if (ids.length === 0) return new Set();
	const rows = db
		.select({ id: apiTokens.id })
		.from(apiTokens)
		.where(inIdList(apiTokens.id, ids))
		.all();
	return new Set(rows.map((row) => row.id));
}

/** The user a token belongs to (recording its use), or null for an unknown token. */
export function validateApiToken(db: Db, token: string, now = Date.now()): SessionUser | null {
	if (!token.startsWith(API_TOKEN_PREFIX)) return null;
	const id = hashToken(token);
	const row = db
		.select({
			id: users.id,
			email: users.email,
			name: users.name,
			guestWorkshopId: users.guestWorkshopId
		})
		.from(apiTokens)
		.innerJoin(users, eq(apiTokens.userId, users.id))
		.where(eq(apiTokens.id, id))
		.get();
	if (!row) return null;
	db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, id)).run();
	return row;
}
