/** Password hashing with argon2id at OWASP's recommended minimum (19 MiB, t=2, p=1) or above. */
import { hash, verify } from '@node-rs/argon2';

/** argon2id parameters; Algorithm.Argon2id is the library's default (2). */
export const PASSWORD_HASH_OPTIONS = {
	algorithm: 2,
	memoryCost: 19_456,
	timeCost: 2,
	parallelism: 1,
	outputLen: 32
} as const;

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;

/** Hashes a password into a self-describing PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`). */
export function hashPassword(password: string): Promise<string> {
	return hash(password, PASSWORD_HASH_OPTIONS);
}

/** Whether `password` matches the stored hash; false (not an error) for a malformed hash. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		return false;
	}
}

/** A sentence saying what is wrong with a new password, or null if it is acceptable. */
export function checkNewPassword(password: string): string | null {
	if (password.length < PASSWORD_MIN_LENGTH) {
		return `Choose a password of at least ${PASSWORD_MIN_LENGTH} characters.`;
	}
	if (password.length > PASSWORD_MAX_LENGTH) {
		return `Choose a password of at most ${PASSWORD_MAX_LENGTH} characters.`;
	}
	return null;
}
