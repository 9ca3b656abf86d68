/**
 * Relational data (DESIGN §3): identity, access and the board's durable update log. Live board
 * content lives in the Yjs document; these tables hold what must be enforced or kept.
 * Times are milliseconds since the epoch.
 */
import { sql } from 'drizzle-orm';
import {
	blob,
	index,
	integer,
	primaryKey,
	sqliteTable,
	text,
	uniqueIndex,
	type AnySQLiteColumn
} from 'drizzle-orm/sqlite-core';

export const ROLES = ['facilitator', 'partner', 'observer'] as const;
export type Role = (typeof ROLES)[number];

export const AUDIT_ACTIONS = [
	'member.joined',
	'member.role-changed',
	'member.partner-changed',
	'member.removed',
	'invite.created',
	'invite.revoked',
	'workshop.created',
	'export.created',
	'version.saved',
	'version.restored',
	'agreement.proposed',
	'agreement.signed-off',
	'agreement.changes-requested',
	'agreement.agreed',
	'agreement.withdrawn',
	'diagnosis.revealed',
	'parking.carried',
	'vote.started',
	'vote.closed',
	'vote.revealed'
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const users = sqliteTable('users', {
	id: text('id').primaryKey(),
	/** Stored lower-cased and trimmed; unique. Null for guests. */
	email: text('email').unique(),
	name: text('name').notNull(),
	/** argon2id PHC string. Null for guests, who have no password. */
	passwordHash: text('password_hash'),
	/**
	 * Set for a guest: someone who joined one workshop through an invite link with only a display
	 * name. A guest exists only for that workshop and goes with it.
	 */
	guestWorkshopId: text('guest_workshop_id').references((): AnySQLiteColumn => workshops.id, {
		onDelete: 'cascade'
	}),
	createdAt: integer('created_at').notNull()
});

export const sessions = sqliteTable(
	'sessions',
	{
		/** SHA-256 of the session token, hex; the token itself is never stored. */
		id: text('id').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		expiresAt: integer('expires_at').notNull(),
		createdAt: integer('created_at').notNull(),
		/** When the session was last used (kept to the minute, not written on every request). */
		lastUsedAt: integer('last_used_at'),
		userAgent: text('user_agent')
	},
	(table) => [index('sessions_user_idx').on(table.userId)]
);

export const apiTokens = sqliteTable(
	'api_tokens',
	{
		/** SHA-256 of the token, hex. */
		id: text('id').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		label: text('label').notNull().default(''),
		createdAt: integer('created_at').notNull(),
		lastUsedAt: integer('last_used_at')
	},
	(table) => [index('api_tokens_user_idx').on(table.userId)]
);

export const workshops = sqliteTable('workshops', {
	id: text('id').primaryKey(),
	title: text('title').notNull(),
	place: text('place').notNull(),
	pillarPreset: text('pillar_preset').notNull(),
	createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
	createdAt: integer('created_at').notNull()
});

export const memberships = sqliteTable(
	'memberships',
	{
		workshopId: text('workshop_id')
			.notNull()
			.references(() => workshops.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		role: text('role', { enum: ROLES }).notNull(),
		/** Id of the partner organisation (on the board) this member speaks for, if any. */
		partnerId: text('partner_id'),
		createdAt: integer('created_at').notNull(),
		/** When the member's last board connection closed (null: never connected). */
		lastSeenAt: integer('last_seen_at'),
		/** Open board connections of this member right now (reset to 0 when the server starts). */
		openConnections: integer('open_connections').notNull().default(0)
	},
	(table) => [
		primaryKey({ columns: [table.workshopId, table.userId] }),
		index('memberships_user_idx').on(table.userId)
	]
);

export const invites = sqliteTable(
	'invites',
	{
		/** SHA-256 of the invite token, hex; the token (in the link) is never stored. */
		id: text('id').primaryKey(),
		workshopId: text('workshop_id')
			.notNull()
			.references(() => workshops.id, { onDelete: 'cascade' }),
		role: text('role', { enum: ROLES }).notNull(),
		/** Partner organisation (board partner id) that people joining through it speak for. */
		partnerId: text('partner_id'),
		/** Whether someone may join with only a display name, as a guest. */
		allowGuests: integer('allow_guests', { mode: 'boolean' }).notNull().default(false),
		expiresAt: integer('expires_at').notNull(),
		/** Null: any number of uses. */
		maxUses: integer('max_uses'),
		uses: integer('uses').notNull().default(0),
		revokedAt: integer('revoked_at'),
		createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: integer('created_at').notNull(),
		/** A note for the facilitator, e.g. "NHS trust estates team". */
		label: text('label').notNull().default('')
	},
	(table) => [index('invites_workshop_idx').on(table.workshopId)]
);

/** Who did what to a workshop's membership, invites, exports and versions, and when. */
export const auditEvents = sqliteTable(
	'audit_events',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		workshopId: text('workshop_id')
			.notNull()
			.references(() => workshops.id, { onDelete: 'cascade' }),
		/** Who acted; null for the command line or once the account is gone. */
		actorId: text('actor_id').references(() => users.id, { onDelete: 'set null' }),
		/** The actor's name at the time (kept when the account goes), or "Command line". */
		actorName: text('actor_name').notNull(),
		action: text('action', { enum: AUDIT_ACTIONS }).notNull(),
		/** One sentence saying what happened, e.g. "Changed Sam Reid from partner to observer." */
		detail: text('detail').notNull(),
		createdAt: integer('created_at').notNull()
	},
	(table) => [index('audit_events_workshop_idx').on(table.workshopId, table.createdAt)]
);

/** Yjs updates appended one per row before they are relayed; compacted into board_snapshots. */
export const boardUpdates = sqliteTable(
	'board_updates',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		workshopId: text('workshop_id')
			.notNull()
			.references(() => workshops.id, { onDelete: 'cascade' }),
		data: blob('data', { mode: 'buffer' }).notNull(),
		createdAt: integer('created_at')
			.notNull()
			.default(sql`(unixepoch() * 1000)`)
	},
	(table) => [index('board_updates_workshop_idx').on(table.workshopId, table.id)]
);

/** The compacted state of a board: every update up to `lastUpdateId` merged into one. */
export const boardSnapshots = sqliteTable('board_snapshots', {
	workshopId: text('workshop_id')
		.primaryKey()
		.references(() => workshops.id, { onDelete: 'cascade' }),
	data: blob('data', { mode: 'buffer' }).notNull(),
	lastUpdateId: integer('last_update_id').notNull(),
	updatedAt: integer('updated_at').notNull()
});

export const VERSION_KINDS = ['named', 'session', 'hourly', 'before-restore', 'proposed'] as const;
export type VersionKind = (typeof VERSION_KINDS)[number];

/**
 * Saved versions of a board: its whole Yjs state at a moment. Never changed once written (a
 * trigger refuses updates), so a version's bytes and hash stay what was agreed or shown.
 */
export const boardVersions = sqliteTable(
	'board_versions',
	{
		id: text('id').primaryKey(),
		workshopId: text('workshop_id')
			.notNull()
			.references(() => workshops.id, { onDelete: 'cascade' }),
		/** 1, 2, 3… within the workshop. */
		number: integer('number').notNull(),
		name: text('name').notNull(),
		/** Why it was saved: by a facilitator, at a session's end, hourly, before a restore, or proposed. */
		kind: text('kind', { enum: VERSION_KINDS }).notNull(),
		authorId: text('author_id').references(() => users.id, { onDelete: 'set null' }),
		/** The author's name at the time, or "Pillarboard" for automatic versions. */
		authorName: text('author_name').notNull(),
		/** The board's full state, one Yjs update. */
		state: blob('state', { mode: 'buffer' }).notNull(),
		/** SHA-256 of `state`, hex. */
		contentHash: text('content_hash').notNull(),
		/** One sentence saying what changed since the previous version. */
		summary: text('summary').notNull(),
		createdAt: integer('created_at').notNull()
	},
	(table) => [uniqueIndex('board_versions_number_idx').on(table.workshopId, table.number)]
);

export const AGREEMENT_STATUSES = ['proposed', 'agreed', 'withdrawn'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

/**
 * A proposal of a version of the plan for agreement. Once agreed it is frozen (a trigger refuses
 * any change), and its version is "the agreed version".
 */
export const agreements = sqliteTable(
	'agreements',
	{
		id: text('id').primaryKey(),
		workshopId: text('workshop_id')
			.notNull()
			.references(() => workshops.id, { onDelete: 'cascade' }),
		versionId: text('version_id')
			.notNull()
			.references(() => boardVersions.id, { onDelete: 'cascade' }),
		status: text('status', { enum: AGREEMENT_STATUSES }).notNull(),
		proposedBy: text('proposed_by').notNull(),
		proposedAt: integer('proposed_at').notNull(),
		/** Who agreed or withdrew it, and when. */
		decidedBy: text('decided_by'),
		decidedAt: integer('decided_at')
	},
	(table) => [index('agreements_workshop_idx').on(table.workshopId, table.proposedAt)]
);

export const SIGN_OFF_DECISIONS = ['signed', 'changes-requested'] as const;
export type SignOffDecisionValue = (typeof SIGN_OFF_DECISIONS)[number];

/** A partner organisation's answer to a proposal; the newest answer per partner counts. */
export const signOffs = sqliteTable(
	'sign_offs',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		agreementId: text('agreement_id')
			.notNull()
			.references(() => agreements.id, { onDelete: 'cascade' }),
		/** Board partner id of the organisation answered for. */
		partnerId: text('partner_id').notNull(),
		userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
		userName: text('user_name').notNull(),
		decision: text('decision', { enum: SIGN_OFF_DECISIONS }).notNull(),
		comment: text('comment').notNull().default(''),
		createdAt: integer('created_at').notNull()
	},
	(table) => [index('sign_offs_agreement_idx').on(table.agreementId, table.id)]
);

export const VOTE_SESSION_KINDS = ['cards', 'actions'] as const;
export const VOTE_SESSION_BUDGETS = ['person', 'partner'] as const;
export const VOTE_SESSION_STATUSES = ['open', 'closed', 'revealed'] as const;

/**
 * A vote session: the authority on what may be voted on and whether voting is open. Its public
 * part is mirrored into the board document (`votes`); its ballots are in vote_allocations.
 */
export const voteSessions = sqliteTable(
	'vote_sessions',
	{
		id: text('id').primaryKey(),
		workshopId: text('workshop_id')
			.notNull()
			.references(() => workshops.id, { onDelete: 'cascade' }),
		title: text('title').notNull(),
		kind: text('kind', { enum: VOTE_SESSION_KINDS }).notNull(),
		/** Card or action ids offered, in order (a JSON array of strings). */
		items: text('items', { mode: 'json' }).$type<string[]>().notNull(),
		budget: integer('budget').notNull(),
		/** Whose budget: each person's, or shared by the members of a partner organisation. */
		per: text('per', { enum: VOTE_SESSION_BUDGETS }).notNull(),
		maxPerItem: integer('max_per_item').notNull(),
		status: text('status', { enum: VOTE_SESSION_STATUSES }).notNull(),
		openedBy: text('opened_by').notNull(),
		openedAt: integer('opened_at').notNull(),
		/** When it was closed or revealed. */
		endedAt: integer('ended_at')
	},
	(table) => [index('vote_sessions_workshop_idx').on(table.workshopId, table.openedAt)]
);

/**
 * Votes placed, secret until the reveal: how many votes one voter has on one item. The voter is
 * `person:<user id>` or, with a budget per organisation, `partner:<partner id>` (the members of
 * a partner share one allocation).
 */
export const voteAllocations = sqliteTable(
	'vote_allocations',
	{
		voteId: text('vote_id')
			.notNull()
			.references(() => voteSessions.id, { onDelete: 'cascade' }),
		voter: text('voter').notNull(),
		itemId: text('item_id').notNull(),
		votes: integer('votes').notNull(),
		/** Who last changed it, and when. */
		updatedBy: text('updated_by').references(() => users.id, { onDelete: 'set null' }),
		updatedAt: integer('updated_at').notNull()
	},
	(table) => [primaryKey({ columns: [table.voteId, table.voter, table.itemId] })]
);

export type User = typeof users.$inferSelect;
export type Session = typeof sessions.$inferSelect;
export type Workshop = typeof workshops.$inferSelect;
export type Membership = typeof memberships.$inferSelect;
export type Invite = typeof invites.$inferSelect;
export type AuditEvent = typeof auditEvents.$inferSelect;
export type BoardVersion = typeof boardVersions.$inferSelect;
export type Agreement = typeof agreements.$inferSelect;
export type SignOff = typeof signOffs.$inferSelect;
export type VoteSessionRow = typeof voteSessions.$inferSelect;

/**
 * Cards written during private brainstorming, before the facilitator reveals them. Only their
 * author reads or changes them (over HTTP); on reveal they become ordinary cards on the board
 * (with the same id) and their rows are deleted. They never enter the board document before.
 */
export const privateCards = sqliteTable(
	'private_cards',
	{
		/** The card's id, made by the author's browser; kept as the board card's id on reveal. */
		id: text('id').primaryKey(),
		workshopId: text('workshop_id')
			.notNull()
			.references(() => workshops.id, { onDelete: 'cascade' }),
		authorId: text('author_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		/** Partner organisation (board partner id) the author spoke for when writing it. */
		partnerId: text('partner_id'),
		/** Key of the pillar whose lane the author put it in. */
		pillar: text('pillar').notNull(),
		x: integer('x').notNull(),
		y: integer('y').notNull(),
		width: integer('width').notNull(),
		height: integer('height').notNull(),
		colour: text('colour').notNull(),
		text: text('text').notNull().default(''),
		createdAt: integer('created_at').notNull(),
		updatedAt: integer('updated_at').notNull()
	},
	(table) => [index('private_cards_workshop_idx').on(table.workshopId, table.authorId)]
);

export type PrivateCardRow = typeof privateCards.$inferSelect;

export const DIAGNOSIS_STATUSES = ['closed', 'open', 'revealed'] as const;
export type DiagnosisStatusValue = (typeof DIAGNOSIS_STATUSES)[number];

/**
 * A workshop's diagnosis: whether partners may score, on which scale, and whether the scores are
 * revealed. The board's `diagnosis` map mirrors it for everyone to see (diagnosis-board.ts).
 */
export const diagnoses = sqliteTable('diagnoses', {
	workshopId: text('workshop_id')
		.primaryKey()
		.references(() => workshops.id, { onDelete: 'cascade' }),
	status: text('status', { enum: DIAGNOSIS_STATUSES }).notNull().default('closed'),
	scaleMin: integer('scale_min').notNull(),
	scaleMax: integer('scale_max').notNull(),
	/** Words for the ends of the scale ('' for none). */
	minLabel: text('min_label').notNull().default(''),
	maxLabel: text('max_label').notNull().default(''),
	revealedAt: integer('revealed_at'),
	/** When the facilitator last showed the heat map to everyone. */
	shownAt: integer('shown_at'),
	updatedAt: integer('updated_at').notNull()
});

/**
 * Partners' self-scores, one per partner organisation and pillar. Secret until the facilitator
 * reveals them: read only by members of that partner, and copied to the board on reveal.
 */
export const diagnosisScores = sqliteTable(
	'diagnosis_scores',
	{
		workshopId: text('workshop_id')
			.notNull()
			.references(() => workshops.id, { onDelete: 'cascade' }),
		/** Board partner id of the organisation scored. */
		partnerId: text('partner_id').notNull(),
		/** Pillar key. */
		pillar: text('pillar').notNull(),
		score: integer('score').notNull(),
		/** The evidence for the score, in a sentence or two. */
		note: text('note').notNull().default(''),
		/** Who gave the score last, and when. */
		userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
		userName: text('user_name').notNull(),
		updatedAt: integer('updated_at').notNull()
	},
	(table) => [primaryKey({ columns: [table.workshopId, table.partnerId, table.pillar] })]
);

export type Diagnosis = typeof diagnoses.$inferSelect;
export type DiagnosisScore = typeof diagnosisScores.$inferSelect;
