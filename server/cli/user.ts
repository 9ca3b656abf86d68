/** `pillarboard user create`: an account, with its password read from standard input. */
import { createUser, findUserByEmail } from '../../src/lib/server/users.ts';
import { CliError, readStdin, stripTrailingNewline, withDatabase, type Command } from './io.ts';

export const createUserCommand: Command = {
	group: 'user',
	name: 'create',
	summary: 'Create an account. Prints its user id on the last line.',
	synopsis: 'pillarboard user create --email EMAIL --name NAME --password-stdin',
	options: {
		email: { type: 'string', value: 'EMAIL', description: 'Email address to sign in with.' },
		name: { type: 'string', value: 'NAME', description: 'Name shown to other participants.' },
		'password-stdin': {
			type: 'boolean',
			description: 'Read the password from standard input (one trailing newline is dropped).'
		}
	},
	async run(options, io) {
		const email = options.required('email');
		const name = options.required('name');
		if (!options.flag('password-stdin')) {
			throw options.usageError(
				'Give the password on standard input with --password-stdin (never as an argument).'
			);
		}
		if (io.stdin.isTTY) io.err('Type the password, then press Enter and Ctrl-D.');
		const password = stripTrailingNewline(await readStdin(io.stdin));
		await withDatabase(io, async (db) => {
			if (findUserByEmail(db, email)) {
				throw new CliError(`An account with the email ${email.trim()} already exists.`);
			}
			const result = await createUser(db, { email, name, password });
			if (!result.ok) throw new CliError(result.message);
			io.out(`Created the account of ${result.user.name} <${result.user.email}>.`);
			io.out(result.user.id);
		});
	}
};
