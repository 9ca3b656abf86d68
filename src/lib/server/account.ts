/**
 * What a person may change about their own account: name, password, signed-in sessions and
 * personal API tokens. Every function takes the acting user's id and touches only their rows,
 * so a forged id in a form can never reach someone else's session or token.
 */
import { and, desc, eq, gt, ne } from 'drizzle-orm';
import type { Db } from './db/index.ts';
import { apiTokens, sessions, users, type Session } from './db/schema.ts';
import {
	PASSWORD_MAX_LENGTH,
	checkNewPassword,
	hashPassword,
	verifyPassword
} from './auth/password.ts';
import { MAX_NAME_LENGTH } from './users.ts';

/** Longest API token label accepted (as the CLI's `token create --label`). */
export const MAX_TOKEN_LABEL_LENGTH = 120;

export type AccountResult = { ok: true } | { ok: false; message: string };

/** Sets the user's display name, trimmed and checked as at sign-up. */
export function renameUser(db: Db, userId: string, name: string): AccountResult {
	const trimmed = name.trim();
	if (trimmed === '' || trimmed.length > MAX_NAME_LENGTH) {
		return { ok: false, message: `Enter your name (at most ${MAX_NAME_LENGTH} characters).` };
	}
	db.update(users).set({ name: trimmed }).where(eq(users.id, userId)).run();
	return { ok: true };
}

export type ChangePasswordResult =
	{ ok: true; otherSessionsEnded: number } | { ok: false; message: string };

/**
 * Replaces the password after checking the current one, then ends every other session of the
 * user (someone who knew the old password may be signed in elsewhere); `keepSessionId` stays.
 */
export async function changePassword(
	db: Db,
	userId: string,
	currentPassword: string,
	newPassword: string,
	keepSessionId: string | null = null
): Promise<ChangePasswordResult> {
	const user = db
		.select({ passwordHash: users.passwordHash })
		.from(users)
		.where(eq(users.id, userId))
		.get();
	if (!user?.passwordHash) {
		return { ok: false, message: 'This account has no password to change.' };
	}
	// No password is longer than anyone may choose: don't spend hashing time on one that is.
	const plausible = currentPassword !== '' && currentPassword.length <= PASSWORD_MAX_LENGTH;
	if (!plausible || !(await verifyPassword(user.passwordHash, currentPassword))) {
		return { ok: false, message: 'Your current password is not right. Try typing it again.' };
	}
	const problem = checkNewPassword(newPassword);
	if (problem) return { ok: false, message: problem };
	if (newPassword === currentPassword) {
		return { ok: false, message: 'Choose a new password that differs from your current one.' };
	}
	const passwordHash = await hashPassword(newPassword);
	const otherSessionsEnded = db.transaction((tx) => {
		tx.update(users).set({ passwordHash }).where(eq(users.id, userId)).run();
		const others =
			keepSessionId === null
				? eq(sessions.userId, userId)
				: and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId));
		return tx.delete(sessions).where(others).run().changes;
	});
	return { ok: true, otherSessionsEnded };
}

export type SessionSummary = Pick<
	Session,
	'id' | 'createdAt' | 'lastUsedAt' | 'userAgent' | 'expiresAt'
>;

/** The user's unexpired sessions, most recently used first. */
export function listSessions(db: Db, userId: string, now = Date.now()): SessionSummary[] {
	return db
		.select({
			id: sessions.id,
			createdAt: sessions.createdAt,
			lastUsedAt: sessions.lastUsedAt,
			userAgent: sessions.userAgent,
			expiresAt: sessions.expiresAt
		})
		.from(sessions)
		.where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, now)))
		.orderBy(desc(sessions.lastUsedAt), desc(sessions.createdAt))
		.all();
}

/** Ends one of the user's own sessions; false if they have no session with this id. */
export function revokeSession(db: Db, userId: string, sessionId: string): boolean {
	const result = db
		.delete(sessions)
		.where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId)))
		.run();
	return result.changes > 0;
}

export interface ApiTokenSummary {
	id: string;
	label: string;
	createdAt: number;
	lastUsedAt: number | null;
}

/** The user's API tokens, newest first: what they are called and when used, never the token. */
export function listApiTokens(db: Db, userId: string): ApiTokenSummary[] {
	return db
		.select({
			id: apiTokens.id,
			label: apiTokens.label,
			createdAt: apiTokens.createdAt,
			lastUsedAt: apiTokens.lastUsedAt
		})
		.from(apiTokens)
		.where(eq(apiTokens.userId, userId))
		.orderBy(desc(apiTokens.createdAt))
		.all();
}

/** A sentence saying what is wrong with a new token's label, or null if it is acceptable. */
export function checkTokenLabel(label: string): string | null {
	if (label.trim() === '') return 'Give the token a label, such as the script that will use it.';
	if (label.trim().length > MAX_TOKEN_LABEL_LENGTH) {
		return `Keep the label to ${MAX_TOKEN_LABEL_LENGTH} characters or fewer.`;
	}
	return null;
}

/** Deletes one of the user's own API tokens; false if they have no token with this id. */
export function revokeApiToken(db: Db, userId: string, tokenId: string): boolean {
	const result = db
		.delete(apiTokens)
		.where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, userId)))
		.run();
	return result.changes > 0;
}
