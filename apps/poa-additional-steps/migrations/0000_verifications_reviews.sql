CREATE TABLE `review_items` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`scan_ref` text NOT NULL,
	`step` text NOT NULL,
	`type` text NOT NULL,
	`state` text NOT NULL,
	`queued_at` integer,
	`claimed_by` text,
	`claim_expires_at` integer,
	`compare_status` text,
	`values_ciphertext` text,
	`decided_by` text,
	`decided_at` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `review_items_step_uq` ON `review_items` (`scan_ref`,`step`);--> statement-breakpoint
CREATE INDEX `review_items_queue_idx` ON `review_items` (`partner_id`,`state`,`queued_at`);--> statement-breakpoint
CREATE TABLE `reviewers` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`name` text NOT NULL,
	`key_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`revoked_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reviewers_key_hash_uq` ON `reviewers` (`key_hash`);--> statement-breakpoint
CREATE INDEX `reviewers_partner_idx` ON `reviewers` (`partner_id`);--> statement-breakpoint
CREATE TABLE `step_files` (
	`scan_ref` text NOT NULL,
	`step` text NOT NULL,
	`partner_id` text NOT NULL,
	`r2_key` text NOT NULL,
	`content_type` text NOT NULL,
	`size` integer NOT NULL,
	`source` text NOT NULL,
	`document_type` text,
	`uploaded_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `step_files_step_uq` ON `step_files` (`scan_ref`,`step`);--> statement-breakpoint
CREATE TABLE `verifications` (
	`scan_ref` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`mode` text NOT NULL,
	`client_id` text NOT NULL,
	`external_ref` text,
	`auth_token_hash` text NOT NULL,
	`status` text NOT NULL,
	`locale` text,
	`country` text,
	`steps` text,
	`documents` text NOT NULL,
	`show_instructions` integer NOT NULL,
	`token_type` text NOT NULL,
	`scope` text,
	`private_ciphertext` text,
	`expiry_time` integer NOT NULL,
	`session_length` integer NOT NULL,
	`created_at` integer NOT NULL,
	`token_expires_at` integer NOT NULL,
	`session_started_at` integer,
	`session_expires_at` integer,
	`finished_at` integer,
	`final_at` integer,
	`revision` integer DEFAULT 0 NOT NULL,
	`retain_until` integer NOT NULL,
	`erased_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `verifications_auth_token_uq` ON `verifications` (`auth_token_hash`);--> statement-breakpoint
CREATE INDEX `verifications_partner_idx` ON `verifications` (`partner_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `verifications_retention_idx` ON `verifications` (`retain_until`);--> statement-breakpoint
CREATE INDEX `verifications_expiry_idx` ON `verifications` (`status`,`token_expires_at`);