/** `pillarboard member add`: gives a user a role in a workshop, or changes it. */
import { listPartners } from '../../src/lib/board/board-doc.ts';
import { BoardLoadError, loadBoardDoc } from '../../src/lib/server/board-store.ts';
import { SqliteBoardStore } from '../../src/lib/server/board-store-sqlite.ts';
import type { Db } from '../../src/lib/server/db/index.ts';
import { ROLES, type Role } from '../../src/lib/server/db/schema.ts';
import { getMembership, setMember } from '../../src/lib/server/workshops.ts';
import { CliError, withDatabase, type Command } from './io.ts';
import { requireUser, requireWorkshop } from './lookup.ts';

function isRole(value: string): value is Role {
	return (ROLES as readonly string[]).includes(value);
}

/** The id of the partner organisation with this code on a workshop's board. */
function partnerIdByCode(db: Db, workshopId: string, code: string): string {
	let doc;
	try {
		doc = loadBoardDoc(new SqliteBoardStore(db), workshopId).doc;
	} catch (error) {
		if (!(error instanceof BoardLoadError)) throw error;
		throw new CliError(`The board of workshop ${workshopId} could not be loaded.`);
	}
	const partners = listPartners(doc);
	doc.destroy();
	const partner = partners.find((candidate) => candidate.code === code);
	if (!partner) {
		const known = partners.map((candidate) => candidate.code).join(', ') || 'none';
		throw new CliError(`The board has no partner with the code ${code} (it has: ${known}).`);
	}
	return partner.id;
}

export const addMemberCommand: Command = {
	group: 'member',
	name: 'add',
	summary:
		'Add a user to a workshop with a role, or change the role of a member. Prints the user id on the last line.',
	synopsis:
		'pillarboard member add --workshop ID --email EMAIL --role facilitator|partner|observer [--partner CODE]',
	options: {
		workshop: { type: 'string', value: 'ID', description: 'Id of the workshop.' },
		email: { type: 'string', value: 'EMAIL', description: 'Email of the account to add.' },
		role: { type: 'string', value: 'ROLE', description: `One of ${ROLES.join(', ')}.` },
		partner: {
			type: 'string',
			value: 'CODE',
			description:
				'Code of the partner organisation on the board the member speaks for, e.g. KBC (kept as it is if left out).'
		}
	},
	async run(options, io) {
		const workshopId = options.required('workshop').trim();
		const email = options.required('email');
		const role = options.required('role').trim();
		if (!isRole(role)) {
			throw options.usageError(`The role must be one of ${ROLES.join(', ')}, not "${role}".`);
		}
		const partnerCode = options.string('partner')?.trim();

		await withDatabase(io, (db) => {
			const workshop = requireWorkshop(db, workshopId);
			const user = requireUser(db, email);
			const previous = getMembership(db, workshop.id, user.id);
			const previousRole = previous?.role ?? null;
			const previousPartner = previous?.partnerId ?? null;
			const partnerId = partnerCode
				? partnerIdByCode(db, workshop.id, partnerCode)
				: previousPartner;
			setMember(db, workshop.id, user.id, role, partnerId);
			const who = user.email;
			const forPartner = partnerCode ? ` for ${partnerCode}` : '';
			if (previousRole === null) {
				io.out(`Added ${who} to "${workshop.title}" as ${role}${forPartner}.`);
			} else if (previousRole !== role) {
				io.out(
					`Changed the role of ${who} in "${workshop.title}" from ${previousRole} to ${role}${forPartner}.`
				);
			} else if (partnerId !== previousPartner) {
				io.out(`${who} stays ${role} in "${workshop.title}", now for ${partnerCode}.`);
			} else {
				io.out(`${who} was already ${role} in "${workshop.title}"; nothing changed.`);
			}
			io.out(`${workshop.id} ${role} ${user.id}`);
		});
	}
};
