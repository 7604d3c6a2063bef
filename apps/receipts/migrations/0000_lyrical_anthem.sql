CREATE TABLE `dead_letters` (
	`id` text PRIMARY KEY NOT NULL,
	`queue` text NOT NULL,
	`reason` text NOT NULL,
	`partner_id` text,
	`subject_ref` text,
	`body_ciphertext` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `dead_letters_created_idx` ON `dead_letters` (`created_at`);--> statement-breakpoint
CREATE TABLE `receipts` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`mode` text NOT NULL,
	`capability` text NOT NULL,
	`subject_ref` text NOT NULL,
	`vct` text NOT NULL,
	`outcome` text NOT NULL,
	`sha256` text NOT NULL,
	`status_list` integer NOT NULL,
	`status_idx` integer NOT NULL,
	`status` text NOT NULL,
	`revocation_reason` text,
	`revoked_at` integer,
	`stored_key` text,
	`issued_at` integer NOT NULL,
	`fetched_at` integer,
	`available_until` integer NOT NULL,
	`announced_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `receipts_subject_uq` ON `receipts` (`partner_id`,`capability`,`subject_ref`);--> statement-breakpoint
CREATE UNIQUE INDEX `receipts_status_entry_uq` ON `receipts` (`status_list`,`status_idx`);--> statement-breakpoint
CREATE INDEX `receipts_available_until_idx` ON `receipts` (`available_until`);--> statement-breakpoint
CREATE TABLE `revoked_subjects` (
	`partner_id` text NOT NULL,
	`capability` text NOT NULL,
	`subject_ref` text NOT NULL,
	`reason` text NOT NULL,
	`revoked_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `revoked_subjects_uq` ON `revoked_subjects` (`partner_id`,`capability`,`subject_ref`);