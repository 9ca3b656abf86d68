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
	'version.saved'
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

export type User = typeof users.$inferSelect;
export type Session = typeof sessions.$inferSelect;
export type Workshop = typeof workshops.$inferSelect;
export type Membership = typeof memberships.$inferSelect;
export type Invite = typeof invites.$inferSelect;
export type AuditEvent = typeof auditEvents.$inferSelect;
