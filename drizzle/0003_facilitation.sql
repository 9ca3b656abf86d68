CREATE TABLE `diagnoses` (
	`workshop_id` text PRIMARY KEY NOT NULL,
	`status` text DEFAULT 'closed' NOT NULL,
	`scale_min` integer NOT NULL,
	`scale_max` integer NOT NULL,
	`min_label` text DEFAULT '' NOT NULL,
	`max_label` text DEFAULT '' NOT NULL,
	`revealed_at` integer,
	`shown_at` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`workshop_id`) REFERENCES `workshops`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `diagnosis_scores` (
	`workshop_id` text NOT NULL,
	`partner_id` text NOT NULL,
	`pillar` text NOT NULL,
	`score` integer NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`user_id` text,
	`user_name` text NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`workshop_id`, `partner_id`, `pillar`),
	FOREIGN KEY (`workshop_id`) REFERENCES `workshops`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `private_cards` (
	`id` text PRIMARY KEY NOT NULL,
	`workshop_id` text NOT NULL,
	`author_id` text NOT NULL,
	`partner_id` text,
	`pillar` text NOT NULL,
	`x` integer NOT NULL,
	`y` integer NOT NULL,
	`width` integer NOT NULL,
	`height` integer NOT NULL,
	`colour` text NOT NULL,
	`text` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`workshop_id`) REFERENCES `workshops`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `private_cards_workshop_idx` ON `private_cards` (`workshop_id`,`author_id`);--> statement-breakpoint
CREATE TABLE `vote_allocations` (
	`vote_id` text NOT NULL,
	`voter` text NOT NULL,
	`item_id` text NOT NULL,
	`votes` integer NOT NULL,
	`updated_by` text,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`vote_id`, `voter`, `item_id`),
	FOREIGN KEY (`vote_id`) REFERENCES `vote_sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `vote_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`workshop_id` text NOT NULL,
	`title` text NOT NULL,
	`kind` text NOT NULL,
	`items` text NOT NULL,
	`budget` integer NOT NULL,
	`per` text NOT NULL,
	`max_per_item` integer NOT NULL,
	`status` text NOT NULL,
	`opened_by` text NOT NULL,
	`opened_at` integer NOT NULL,
	`ended_at` integer,
	FOREIGN KEY (`workshop_id`) REFERENCES `workshops`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `vote_sessions_workshop_idx` ON `vote_sessions` (`workshop_id`,`opened_at`);