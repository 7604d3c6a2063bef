CREATE TABLE `dead_letters` (
	`id` text PRIMARY KEY NOT NULL,
	`queue` text NOT NULL,
	`reason` text NOT NULL,
	`partner_id` text,
	`event_id` text,
	`body_ciphertext` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `dead_letters_created_idx` ON `dead_letters` (`created_at`);--> statement-breakpoint
CREATE TABLE `deliveries` (
	`id` text PRIMARY KEY NOT NULL,
	`event_row_id` text NOT NULL,
	`partner_id` text NOT NULL,
	`mode` text NOT NULL,
	`kind` text NOT NULL,
	`endpoint_id` text,
	`status` text NOT NULL,
	`attempt_count` integer DEFAULT 0 NOT NULL,
	`cycle_attempts` integer DEFAULT 0 NOT NULL,
	`replay_count` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer,
	`lease_until` integer,
	`last_attempt_at` integer,
	`last_status_code` integer,
	`last_error` text,
	`last_endpoint_id` text,
	`succeeded_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`event_row_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `deliveries_event_uq` ON `deliveries` (`event_row_id`);--> statement-breakpoint
CREATE INDEX `deliveries_partner_created_idx` ON `deliveries` (`partner_id`,`mode`,`created_at`);--> statement-breakpoint
CREATE INDEX `deliveries_partner_status_idx` ON `deliveries` (`partner_id`,`mode`,`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `deliveries_due_idx` ON `deliveries` (`status`,`next_attempt_at`) WHERE status in ('pending', 'retrying');--> statement-breakpoint
CREATE TABLE `delivery_attempts` (
	`id` text PRIMARY KEY NOT NULL,
	`delivery_id` text NOT NULL,
	`partner_id` text NOT NULL,
	`number` integer NOT NULL,
	`endpoint_id` text,
	`started_at` integer NOT NULL,
	`duration_ms` integer NOT NULL,
	`outcome` text NOT NULL,
	`status_code` integer,
	`error` text,
	`response_ciphertext` text,
	`response_truncated` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`delivery_id`) REFERENCES `deliveries`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `delivery_attempts_number_uq` ON `delivery_attempts` (`delivery_id`,`number`);--> statement-breakpoint
CREATE TABLE `events` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`event_id` text NOT NULL,
	`mode` text NOT NULL,
	`capability` text NOT NULL,
	`type` text NOT NULL,
	`occurred_at` text NOT NULL,
	`webhook_url_ciphertext` text,
	`payload_ciphertext` text,
	`payload_r2_key` text,
	`payload_sha256` text,
	`signatures` text NOT NULL,
	`erased_at` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `events_partner_event_uq` ON `events` (`partner_id`,`event_id`);--> statement-breakpoint
CREATE TABLE `sink_messages` (
	`id` text PRIMARY KEY NOT NULL,
	`sink` text NOT NULL,
	`method` text NOT NULL,
	`headers` text NOT NULL,
	`body_ciphertext` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sink_messages_sink_idx` ON `sink_messages` (`sink`,`created_at`);