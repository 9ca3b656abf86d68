/**
 * Relational data (DESIGN §3): identity, access and the board's durable update log. Live board
 * content lives in the Yjs document; these tables hold what must be enforced or kept.
 * Times are milliseconds since the epoch.
 */
import { sql } from 'drizzle-orm';
import { blob, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const ROLES = ['facilitator', 'partner', 'observer'] as const;
export type Role = (typeof ROLES)[number];

export const users = sqliteTable('users', {
	id: text('id').primaryKey(),
	/** Stored lower-cased and trimmed; unique. */
	email: text('email').notNull().unique(),
	name: text('name').notNull(),
	passwordHash: text('password_hash').notNull(),
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
		createdAt: integer('created_at').notNull()
	},
	(table) => [
		primaryKey({ columns: [table.workshopId, table.userId] }),
		index('memberships_user_idx').on(table.userId)
	]
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
