/** Users, sessions, tokens and a workshop with one member of each role, written straight to SQLite. */
import type { Db } from '../../src/lib/server/db/index.ts';
import { users } from '../../src/lib/server/db/schema.ts';
import { createApiToken } from '../../src/lib/server/auth/api-token.ts';
import { createSession, generateToken } from '../../src/lib/server/auth/session.ts';
import { createWorkshop } from '../../src/lib/server/workshops.ts';
import { setMember } from '../../src/lib/server/members.ts';
import { COMMAND_LINE } from '../../src/lib/server/audit.ts';
import { newId } from '../../src/lib/board/board-doc.ts';
import type { Role } from '../../src/lib/server/db/schema.ts';

export interface TestPerson {
	id: string;
	name: string;
	email: string;
	/** Session token, as the browser's cookie would hold it. */
	sessionToken: string;
	/** Personal API token, for `Authorization: Bearer`. */
	apiToken: string;
}

/** Creates an account (with a placeholder hash: tests sign in through sessions) and its tokens. */
export function createPerson(db: Db, name: string): TestPerson {
	const id = newId();
	const email = `${name.toLowerCase().replace(/\W+/g, '.')}@example.test`;
	db.insert(users)
		.values({ id, email, name, passwordHash: 'not-used', createdAt: Date.now() })
		.run();
	const sessionToken = generateToken();
	createSession(db, sessionToken, id);
	return { id, name, email, sessionToken, apiToken: createApiToken(db, id, 'tests') };
}

export interface TestWorkshop {
	workshopId: string;
	facilitator: TestPerson;
	partner: TestPerson;
	observer: TestPerson;
	/** Signed in, but not a member. */
	outsider: TestPerson;
}

/**
 * A CLES workshop with a facilitator, a partner, an observer, and an outsider who is not a member.
 * Give each workshop of one database its own `tag` (added to the people's names, so their emails
 * differ).
 */
export function createTestWorkshop(db: Db, title = 'Test workshop', tag = ''): TestWorkshop {
	const facilitator = createPerson(db, `Fran Facilitator${tag}`);
	const partner = createPerson(db, `Pat Partner${tag}`);
	const observer = createPerson(db, `Olu Observer${tag}`);
	const outsider = createPerson(db, `Otto Outsider${tag}`);
	const workshop = createWorkshop(db, {
		title,
		place: 'Kestrelford & Vale',
		preset: 'cles',
		ownerId: facilitator.id
	});
	const add = (person: TestPerson, role: Role) =>
		setMember(db, { workshopId: workshop.id, userId: person.id, role, actor: COMMAND_LINE });
	add(partner, 'partner');
	add(observer, 'observer');
	return { workshopId: workshop.id, facilitator, partner, observer, outsider };
}
