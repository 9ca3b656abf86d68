/** Finding the users and workshops a command names, failing with a sentence when they are absent. */
import type { Db } from '../../src/lib/server/db/index.ts';
import type { User, Workshop } from '../../src/lib/server/db/schema.ts';
import { findUserByEmail } from '../../src/lib/server/users.ts';
import { getWorkshop } from '../../src/lib/server/workshops.ts';
import { CliError } from './io.ts';

/** The account with this email, or a CliError saying how to create it. */
export function requireUser(db: Db, email: string): User {
	const user = findUserByEmail(db, email);
	if (!user) {
		throw new CliError(
			`There is no account with the email ${email.trim()}; create it with "pillarboard user create".`
		);
	}
	return user;
}

/** The workshop with this id, or a CliError. */
export function requireWorkshop(db: Db, workshopId: string): Workshop {
	const workshop = getWorkshop(db, workshopId.trim());
	if (!workshop) throw new CliError(`There is no workshop with the id ${workshopId.trim()}.`);
	return workshop;
}
