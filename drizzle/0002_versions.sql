CREATE TABLE `agreements` (
	`id` text PRIMARY KEY NOT NULL,
	`workshop_id` text NOT NULL,
	`version_id` text NOT NULL,
	`status` text NOT NULL,
	`proposed_by` text NOT NULL,
	`proposed_at` integer NOT NULL,
	`decided_by` text,
	`decided_at` integer,
	FOREIGN KEY (`workshop_id`) REFERENCES `workshops`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`version_id`) REFERENCES `board_versions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `agreements_workshop_idx` ON `agreements` (`workshop_id`,`proposed_at`);--> statement-breakpoint
CREATE TABLE `board_versions` (
	`id` text PRIMARY KEY NOT NULL,
	`workshop_id` text NOT NULL,
	`number` integer NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`author_id` text,
	`author_name` text NOT NULL,
	`state` blob NOT NULL,
	`content_hash` text NOT NULL,
	`summary` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`workshop_id`) REFERENCES `workshops`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `board_versions_number_idx` ON `board_versions` (`workshop_id`,`number`);--> statement-breakpoint
CREATE TABLE `sign_offs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`agreement_id` text NOT NULL,
	`partner_id` text NOT NULL,
	`user_id` text,
	`user_name` text NOT NULL,
	`decision` text NOT NULL,
	`comment` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`agreement_id`) REFERENCES `agreements`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `sign_offs_agreement_idx` ON `sign_offs` (`agreement_id`,`id`);--> statement-breakpoint
-- Hand-written: versions are never changed once saved (only author_id may become null when the
-- account goes), an agreed agreement is frozen, and a decided proposal takes no more answers.
CREATE TRIGGER `board_versions_immutable` BEFORE UPDATE OF `id`, `workshop_id`, `number`, `name`, `kind`, `author_name`, `state`, `content_hash`, `summary`, `created_at` ON `board_versions`
BEGIN
	SELECT RAISE(ABORT, 'A saved version is never changed.');
END;
--> statement-breakpoint
CREATE TRIGGER `agreements_frozen` BEFORE UPDATE ON `agreements` WHEN OLD.`status` <> 'proposed'
BEGIN
	SELECT RAISE(ABORT, 'An agreed or withdrawn plan is never changed.');
END;
--> statement-breakpoint
CREATE TRIGGER `sign_offs_open_only` BEFORE INSERT ON `sign_offs`
WHEN (SELECT `status` FROM `agreements` WHERE `id` = NEW.`agreement_id`) <> 'proposed'
BEGIN
	SELECT RAISE(ABORT, 'Sign-offs are taken only while a plan is proposed.');
END;
--> statement-breakpoint
CREATE TRIGGER `sign_offs_immutable` BEFORE UPDATE OF `agreement_id`, `partner_id`, `user_name`, `decision`, `comment`, `created_at` ON `sign_offs`
BEGIN
	SELECT RAISE(ABORT, 'A sign-off is never changed.');
END;
