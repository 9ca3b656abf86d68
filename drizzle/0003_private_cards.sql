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
CREATE INDEX `private_cards_workshop_idx` ON `private_cards` (`workshop_id`,`author_id`);