import { describe, expect, it } from 'vitest';
import {
	PASSWORD_MAX_LENGTH,
	PASSWORD_MIN_LENGTH,
	checkNewPassword,
	hashPassword,
	verifyPassword
} from './password.ts';

/** Reads `m`, `t` and `p` out of a PHC string such as `$argon2id$v=19$m=19456,t=2,p=1$…`. */
function parameters(phc: string): Record<string, number> {
	const [, , , params] = phc.split('$');
	return Object.fromEntries(
		params.split(',').map((pair) => {
			const [key, value] = pair.split('=');
			return [key, Number(value)];
		})
	);
}

describe('hashPassword', () => {
	it("uses argon2id at OWASP's minimum or above: m ≥ 19456 KiB, t ≥ 2, p = 1", async () => {
		const phc = await hashPassword('correct horse battery staple');
		expect(phc.startsWith('$argon2id$v=19$')).toBe(true);
		const { m, t, p } = parameters(phc);
		expect(m).toBeGreaterThanOrEqual(19_456);
		expect(t).toBeGreaterThanOrEqual(2);
		expect(p).toBe(1);
	});

	it('salts every hash, so the same password never hashes the same twice', async () => {
		const first = await hashPassword('correct horse battery staple');
		const second = await hashPassword('correct horse battery staple');
		expect(first).not.toBe(second);
		expect(first).not.toContain('correct horse');
	});
});

describe('verifyPassword', () => {
	it('accepts the right password', async () => {
		const phc = await hashPassword('correct horse battery staple');
		expect(await verifyPassword(phc, 'correct horse battery staple')).toBe(true);
	});

	it('refuses a wrong password, even one differing only in case', async () => {
		const phc = await hashPassword('correct horse battery staple');
		expect(await verifyPassword(phc, 'Correct horse battery staple')).toBe(false);
		expect(await verifyPassword(phc, '')).toBe(false);
	});

	it('returns false rather than throwing for a garbage hash', async () => {
		expect(await verifyPassword('not a hash', 'anything')).toBe(false);
		expect(await verifyPassword('', 'anything')).toBe(false);
		expect(await verifyPassword('$argon2id$v=19$m=19456,t=2,p=1$garbage', 'anything')).toBe(false);
	});
});

describe('checkNewPassword', () => {
	it('asks for a longer password below the minimum length, in a sentence', () => {
		const message = checkNewPassword('a'.repeat(PASSWORD_MIN_LENGTH - 1));
		expect(message).toBe(`Choose a password of at least ${PASSWORD_MIN_LENGTH} characters.`);
	});

	it('accepts passwords from the minimum to the maximum length', () => {
		expect(checkNewPassword('a'.repeat(PASSWORD_MIN_LENGTH))).toBeNull();
		expect(checkNewPassword('a'.repeat(PASSWORD_MAX_LENGTH))).toBeNull();
	});

	it('refuses a password over the maximum length', () => {
		expect(checkNewPassword('a'.repeat(PASSWORD_MAX_LENGTH + 1))).toMatch(/at most/);
	});
});
