/** `pillarboard member add` and `member remove`: who is in a workshop, with which role. */
import { listPartners } from '../../src/lib/board/board-doc.ts';
import { BoardLoadError, loadBoardDoc } from '../../src/lib/server/board-store.ts';
import { SqliteBoardStore } from '../../src/lib/server/board-store-sqlite.ts';
import type { Db } from '../../src/lib/server/db/index.ts';
import { ROLES, type Role } from '../../src/lib/server/db/schema.ts';
import { COMMAND_LINE } from '../../src/lib/server/audit.ts';
import { getMembership, removeMember, setMember } from '../../src/lib/server/members.ts';
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
			const partnerId = partnerCode ? partnerIdByCode(db, workshop.id, partnerCode) : undefined;
			const result = setMember(db, {
				workshopId: workshop.id,
				userId: user.id,
				role,
				partnerId,
				actor: COMMAND_LINE
			});
			if (!result.ok) throw new CliError(result.message);
			const who = user.email;
			const forPartner = partnerCode ? ` for ${partnerCode}` : '';
			const said = {
				added: `Added ${who} to "${workshop.title}" as ${role}${forPartner}.`,
				'role-changed': `Changed the role of ${who} in "${workshop.title}" from ${previous?.role} to ${role}${forPartner}.`,
				'partner-changed': `${who} stays ${role} in "${workshop.title}", now for ${partnerCode}.`,
				unchanged: `${who} was already ${role} in "${workshop.title}"; nothing changed.`
			};
			io.out(said[result.change]);
			io.out(`${workshop.id} ${role} ${user.id}`);
		});
	}
};

export const removeMemberCommand: Command = {
	group: 'member',
	name: 'remove',
	summary:
		'Remove a member from a workshop; their open boards close within seconds. Prints the user id on the last line.',
	synopsis: 'pillarboard member remove --workshop ID --email EMAIL',
	options: {
		workshop: { type: 'string', value: 'ID', description: 'Id of the workshop.' },
		email: { type: 'string', value: 'EMAIL', description: 'Email of the member to remove.' }
	},
	async run(options, io) {
		const workshopId = options.required('workshop').trim();
		const email = options.required('email');
		await withDatabase(io, (db) => {
			const workshop = requireWorkshop(db, workshopId);
			const user = requireUser(db, email);
			const result = removeMember(db, {
				workshopId: workshop.id,
				userId: user.id,
				actor: COMMAND_LINE
			});
			if (!result.ok) throw new CliError(result.message);
			io.out(`Removed ${user.email} from "${workshop.title}".`);
			io.out(user.id);
		});
	}
};
