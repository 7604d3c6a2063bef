CREATE TABLE `audit_events` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`mode` text NOT NULL,
	`subject_id` text NOT NULL,
	`journey_id` text,
	`auth_id` text,
	`method` text NOT NULL,
	`action` text NOT NULL,
	`status` text NOT NULL,
	`channel` text,
	`destination_hint` text,
	`detail` text,
	`request_id` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_subject_journey_idx` ON `audit_events` (`subject_id`,`journey_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `audit_partner_created_idx` ON `audit_events` (`partner_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `result_events` (
	`event_id` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`mode` text NOT NULL,
	`type` text NOT NULL,
	`payload` text NOT NULL,
	`queued_at` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `result_events_unqueued_idx` ON `result_events` (`queued_at`,`created_at`);--> statement-breakpoint
CREATE TABLE `sandbox_bank_accounts` (
	`partner_id` text NOT NULL,
	`sort_code` text NOT NULL,
	`account_number` text NOT NULL,
	`holder_name_ciphertext` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sandbox_bank_accounts_uq` ON `sandbox_bank_accounts` (`partner_id`,`sort_code`,`account_number`);--> statement-breakpoint
CREATE TABLE `sandbox_bank_payments` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`partner_id` text NOT NULL,
	`sort_code` text NOT NULL,
	`account_number` text NOT NULL,
	`payee_name_ciphertext` text NOT NULL,
	`amount_pence` integer NOT NULL,
	`reference_ciphertext` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sandbox_bank_payments_key_uq` ON `sandbox_bank_payments` (`partner_id`,`idempotency_key`);--> statement-breakpoint
CREATE INDEX `sandbox_bank_payments_account_idx` ON `sandbox_bank_payments` (`partner_id`,`sort_code`,`account_number`,`seq`);--> statement-breakpoint
CREATE TABLE `sandbox_outbox` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`partner_id` text NOT NULL,
	`channel` text NOT NULL,
	`to_hash` text NOT NULL,
	`to_ciphertext` text NOT NULL,
	`subject` text,
	`body_ciphertext` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sandbox_outbox_key_uq` ON `sandbox_outbox` (`partner_id`,`idempotency_key`);--> statement-breakpoint
CREATE INDEX `sandbox_outbox_to_idx` ON `sandbox_outbox` (`partner_id`,`to_hash`,`seq`);--> statement-breakpoint
CREATE TABLE `subjects` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`mode` text NOT NULL,
	`kind` text NOT NULL,
	`external_id` text NOT NULL,
	`pii_ciphertext` text NOT NULL,
	`has_address` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `subjects_partner_external_uq` ON `subjects` (`partner_id`,`mode`,`kind`,`external_id`);