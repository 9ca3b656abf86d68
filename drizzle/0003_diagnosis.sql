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
