/** `pillarboard token create`: a personal API token for scripts; only its hash is stored. */
import { createApiToken } from '../../src/lib/server/auth/api-token.ts';
import { withDatabase, type Command } from './io.ts';
import { requireUser } from './lookup.ts';

/** Longest label accepted, to keep the token list readable. */
const MAX_LABEL_LENGTH = 120;

export const createTokenCommand: Command = {
	group: 'token',
	name: 'create',
	summary:
		'Create an API token for a user (for Authorization: Bearer). Prints the token on the last line; it cannot be shown again.',
	synopsis: 'pillarboard token create --email EMAIL [--label LABEL]',
	options: {
		email: {
			type: 'string',
			value: 'EMAIL',
			description: 'Email of the account the token acts as.'
		},
		label: {
			type: 'string',
			value: 'LABEL',
			description: 'A note saying what the token is for, e.g. "ci".'
		}
	},
	async run(options, io) {
		const email = options.required('email');
		const label = (options.string('label') ?? '').trim();
		if (label.length > MAX_LABEL_LENGTH) {
			throw options.usageError(`The label must be at most ${MAX_LABEL_LENGTH} characters.`);
		}
		await withDatabase(io, (db) => {
			const user = requireUser(db, email);
			const token = createApiToken(db, user.id, label);
			io.out(
				`Created an API token for ${user.email}${label ? ` (${label})` : ''}. ` +
					'Copy it now: only its hash is stored, so it cannot be shown again.'
			);
			io.out(token);
		});
	}
};
