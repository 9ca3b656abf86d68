/**
 * `npm run demo`: serves the built app on a demo database (./data/demo.db unless DATABASE_PATH is
 * set). On first run it seeds the Kestrelford & Vale workshop from server/demo/kestrelford.json,
 * with a facilitator and two partner accounts whose generated passwords are printed once and
 * stored nowhere (the database keeps only their hashes).
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { count, eq } from 'drizzle-orm';
import { listPartners } from '../src/lib/board/board-doc.ts';
import { assignActionRefs } from '../src/lib/board/action-refs.ts';
import { addCard, cardColourFor } from '../src/lib/board/cards.ts';
import { promoteCard } from '../src/lib/board/promote.ts';
import { editStoredBoard } from '../src/lib/server/board-store.ts';
import { SqliteBoardStore } from '../src/lib/server/board-store-sqlite.ts';
import { createDb, migrateDb, type Db } from '../src/lib/server/db/index.ts';
import { workshops, type Role } from '../src/lib/server/db/schema.ts';
import { createUser, findUserByEmail } from '../src/lib/server/users.ts';
import { createWorkshop } from '../src/lib/server/workshops.ts';
import { setMember } from '../src/lib/server/members.ts';
import { answerProposal, proposePlan } from '../src/lib/server/agreement.ts';
import { saveNamedVersion } from '../src/lib/server/versions.ts';
import { readPlanFile } from './cli/workshop.ts';
import { MIGRATIONS_FOLDER, readConfig } from './config.ts';
import { loadAppHandler, serve } from './serve.ts';

const DEMO_DATABASE_PATH = './data/demo.db';
const FIXTURE = fileURLToPath(new URL('./demo/kestrelford.json', import.meta.url));
const DEMO_TITLE = 'Kestrelford & Vale Community Wealth Building plan';
/** Random bytes per generated password: 18 bytes make 24 base64url characters. */
const PASSWORD_BYTES = 18;

interface DemoPerson {
	email: string;
	name: string;
	role: Role;
	/** Code of the partner organisation (in the fixture) the person speaks for. */
	partnerCode: string | null;
}

const DEMO_PEOPLE: DemoPerson[] = [
	{
		email: 'facilitator@kestrelford.example',
		name: 'Nia Okafor',
		role: 'facilitator',
		partnerCode: null
	},
	{
		email: 'council@kestrelford.example',
		name: 'Sam Reid',
		role: 'partner',
		partnerCode: 'KBC'
	},
	{
		email: 'hospital@kestrelford.example',
		name: 'Priya Shah',
		role: 'partner',
		partnerCode: 'KTH'
	}
];

/** Ideas on the board, as if from the workshop's ideation stage (`by` indexes DEMO_PEOPLE). */
const DEMO_IDEAS: {
	pillar: string;
	text: string;
	by: number;
	tags?: string[];
	cluster?: string;
	/** Already taken into the plan as an action. */
	promoted?: boolean;
}[] = [
	{
		pillar: 'spend',
		text: 'Publish a forward plan of contracts coming up in the next 18 months',
		by: 1,
		tags: ['quick win']
	},
	{
		pillar: 'spend',
		text: 'Local food suppliers for hospital catering: start with bread and dairy',
		by: 2,
		cluster: 'Local food'
	},
	{
		pillar: 'workforce',
		text: 'Guaranteed interviews for care leavers across all anchors',
		by: 2,
		tags: ['quick win']
	},
	{ pillar: 'workforce', text: 'Shared Real Living Wage campaign with local employers', by: 1 },
	{ pillar: 'land', text: 'Map every vacant anchor-owned building in the town centre', by: 1 },
	{
		pillar: 'land',
		text: 'Community growing plots on spare hospital land',
		by: 2,
		cluster: 'Local food'
	},
	{ pillar: 'ownership', text: 'Employee ownership clinic for retiring business owners', by: 0 },
	{ pillar: 'finance', text: 'Ask the pension fund for a local investment target', by: 1 },
	{
		pillar: 'finance',
		text: 'Credit union desk at the hospital staff hub',
		by: 2,
		tags: ['NHS'],
		promoted: true
	}
];

interface Login extends DemoPerson {
	password: string;
}

/** Creates the demo accounts and workshop; returns the logins (the only copy of the passwords). */
async function seedDemo(db: Db): Promise<{ workshopId: string; logins: Login[] }> {
	const plan = readPlanFile(FIXTURE, undefined);
	const logins: Login[] = [];
	const userIds = new Map<string, string>();
	for (const person of DEMO_PEOPLE) {
		const password = randomBytes(PASSWORD_BYTES).toString('base64url');
		const result = await createUser(db, { email: person.email, name: person.name, password });
		if (!result.ok) {
			throw new Error(
				`Could not create the demo account ${person.email}: ${result.message} ` +
					'The demo database is half-made; delete it and run the demo again.'
			);
		}
		userIds.set(person.email, result.user.id);
		logins.push({ ...person, password });
	}
	const [facilitator, ...partners] = DEMO_PEOPLE;
	const workshop = createWorkshop(db, {
		title: DEMO_TITLE,
		place: plan.place,
		preset: plan.pillarPreset ?? 'cles',
		ownerId: userIds.get(facilitator.email)!,
		plan
	});
	const store = new SqliteBoardStore(db);
	const facilitatorActor = { id: userIds.get(facilitator.email)!, name: facilitator.name };
	saveNamedVersion(db, store, {
		workshopId: workshop.id,
		name: 'Draft plan from the steering group',
		actor: facilitatorActor
	});
	const signers: { actor: { id: string; name: string }; partnerId: string | null }[] = [];
	editStoredBoard(store, workshop.id, (doc) => {
		const boardPartners = listPartners(doc);
		const partnerIdOf = (person: DemoPerson) =>
			boardPartners.find((partner) => partner.code === person.partnerCode)?.id ?? null;
		for (const person of partners) {
			setMember(db, {
				workshopId: workshop.id,
				userId: userIds.get(person.email)!,
				role: person.role,
				partnerId: partnerIdOf(person),
				actor: facilitatorActor
			});
			if (person.role === 'partner') {
				signers.push({
					actor: { id: userIds.get(person.email)!, name: person.name },
					partnerId: partnerIdOf(person)
				});
			}
		}
		for (const idea of DEMO_IDEAS) {
			const author = DEMO_PEOPLE[idea.by];
			const authorId = userIds.get(author.email)!;
			const cardId = addCard(doc, {
				pillar: idea.pillar,
				text: idea.text,
				authorId,
				authorName: author.name,
				partnerId: partnerIdOf(author),
				colour: cardColourFor(authorId),
				tags: idea.tags,
				cluster: idea.cluster
			});
			// One idea already taken into the plan, awaiting its lead's acceptance.
			if (idea.promoted) promoteCard(doc, cardId);
		}
		// Refs as the sync server would give them (it does so on the board's first edit anyway).
		assignActionRefs(doc);
	});
	// Show off versions and agreement: the plan is proposed and the demo partners have signed
	// it off for their organisations; the history page says who is still outstanding.
	saveNamedVersion(db, store, {
		workshopId: workshop.id,
		name: 'After the ideas session',
		actor: facilitatorActor
	});
	proposePlan(db, store, { workshopId: workshop.id, actor: facilitatorActor });
	for (const signer of signers) {
		answerProposal(db, { workshopId: workshop.id, ...signer, decision: 'signed', comment: '' });
	}
	return { workshopId: workshop.id, logins };
}

/** The demo workshop's id in a database seeded earlier, if it is there. */
function findDemoWorkshop(db: Db): string | null {
	return (
		db.select({ id: workshops.id }).from(workshops).where(eq(workshops.title, DEMO_TITLE)).get()
			?.id ?? null
	);
}

/** A path as the person typed it: relative to the working directory when it is inside it. */
function shownPath(file: string): string {
	const relative = path.relative(process.cwd(), file);
	return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

async function main(): Promise<void> {
	if (!process.env.DATABASE_PATH) process.env.DATABASE_PATH = DEMO_DATABASE_PATH;
	const config = readConfig(process.env);
	// Before seeding: passwords printed for a server that then cannot start would be wasted.
	const handler = await loadAppHandler(config);

	const db = createDb(config.databasePath);
	migrateDb(db, MIGRATIONS_FOLDER);
	const database = shownPath(config.databasePath);
	const isEmpty = (db.select({ n: count() }).from(workshops).get()?.n ?? 0) === 0;
	let workshopId: string | null;
	let emails: string[];
	if (isEmpty) {
		const seeded = await seedDemo(db);
		workshopId = seeded.workshopId;
		emails = seeded.logins.map((login) => login.email);
		console.log(`Created the demo database ${database} with the Kestrelford & Vale workshop.\n`);
		console.log('Sign in with these accounts. The passwords are shown only this once and are not');
		console.log('stored anywhere (the database keeps only their hashes): copy them now.\n');
		for (const login of seeded.logins) {
			console.log(`  ${login.name}, ${login.role}`);
			console.log(`    Email     ${login.email}`);
			console.log(`    Password  ${login.password}\n`);
		}
	} else {
		workshopId = findDemoWorkshop(db);
		emails = DEMO_PEOPLE.map((person) => person.email).filter((email) =>
			findUserByEmail(db, email)
		);
		console.log(
			`Using the existing demo database ${database}; to start afresh, stop the server and delete it.`
		);
		if (emails.length === 0) {
			console.log('It already held workshops, so the demo accounts were not added to it.');
		} else {
			console.log('The passwords of its demo accounts were printed when it was first created.');
		}
	}

	const { url } = await serve(config, { db, handler });
	console.log('');
	console.log(`Open ${url}/login and sign in as:`);
	for (const email of emails) console.log(`  ${email}`);
	if (workshopId) console.log(`The Kestrelford & Vale board: ${url}/workshops/${workshopId}`);
	console.log('Press Ctrl-C to stop.');
}

main().catch((error: Error) => {
	console.error(`The demo could not start: ${error.message}`);
	if (error.cause) console.error(error.cause);
	process.exit(1);
});
