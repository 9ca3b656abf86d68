/** Many writers on one board: extra people, made partners of a workshop. */
import type { Db } from '../../src/lib/server/db/index.ts';
import { COMMAND_LINE } from '../../src/lib/server/audit.ts';
import { setMember } from '../../src/lib/server/members.ts';
import { createPerson, type TestPerson } from './accounts.ts';

/** Creates `count` people named "Partner 1", "Partner 2"… (once per database: emails are unique). */
export function createPeople(db: Db, count: number): TestPerson[] {
	return Array.from({ length: count }, (_, i) => createPerson(db, `Partner ${i + 1}`));
}

/** Makes each person a partner of the workshop. */
export function makePartners(db: Db, workshopId: string, people: TestPerson[]): void {
	for (const person of people) {
		setMember(db, { workshopId, userId: person.id, role: 'partner', actor: COMMAND_LINE });
	}
}
