/** Accounts: creating users and checking their credentials. */
import { eq } from 'drizzle-orm';
import type { Db } from './db/index.ts';
import { users, type User } from './db/schema.ts';
import { newId } from '../board/board-doc.ts';
import { checkNewPassword, hashPassword, verifyPassword } from './auth/password.ts';

/** Longest name or email we accept, to keep rows and pages sane. */
export const MAX_NAME_LENGTH = 120;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Emails are compared and stored trimmed and lower-cased. */
export function normaliseEmail(email: string): string {
	return email.trim().toLowerCase();
}

export type CreateUserResult = { ok: true; user: User } | { ok: false; message: string };

/** Validates and creates an account; the message is a sentence for the person signing up. */
export async function createUser(
	db: Db,
	input: { email: string; name: string; password: string }
): Promise<CreateUserResult> {
	const email = normaliseEmail(input.email);
	const name = input.name.trim();
	if (!EMAIL_PATTERN.test(email) || email.length > MAX_NAME_LENGTH * 2) {
		return { ok: false, message: 'Enter a valid email address.' };
	}
	if (name === '' || name.length > MAX_NAME_LENGTH) {
		return { ok: false, message: `Enter your name (at most ${MAX_NAME_LENGTH} characters).` };
	}
	const passwordProblem = checkNewPassword(input.password);
	if (passwordProblem) return { ok: false, message: passwordProblem };
	if (findUserByEmail(db, email)) {
		return { ok: false, message: 'An account with this email already exists. Sign in instead.' };
	}
	const user: User = {
		id: newId(),
		email,
		name,
		passwordHash: await hashPassword(input.password),
		guestWorkshopId: null,
		createdAt: Date.now()
	};
	db.insert(users).values(user).run();
	return { ok: true, user };
}

/** The user with this email, or undefined. */
export function findUserByEmail(db: Db, email: string): User | undefined {
	return db
		.select()
		.from(users)
		.where(eq(users.email, normaliseEmail(email)))
		.get();
}

/** Hash checked when the email is unknown, so that timing does not reveal which emails exist. */
let dummyHash: Promise<string> | undefined;

/** The user whose email and password match, or null. */
export async function authenticateUser(
	db: Db,
	email: string,
	password: string
): Promise<User | null> {
	const user = findUserByEmail(db, email);
	dummyHash ??= hashPassword('not a password anyone has');
	// Guests have no password: checked against the dummy hash, they can never sign in this way.
	const valid = await verifyPassword(user?.passwordHash ?? (await dummyHash), password);
	return user?.passwordHash && valid ? user : null;
}
