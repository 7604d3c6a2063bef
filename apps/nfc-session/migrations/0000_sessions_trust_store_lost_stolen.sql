CREATE TABLE `lost_stolen` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`digest` text NOT NULL,
	`issuing_state` text NOT NULL,
	`document_number_ciphertext` text NOT NULL,
	`reason` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `lost_stolen_partner_digest_uq` ON `lost_stolen` (`partner_id`,`digest`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`mode` text NOT NULL,
	`init_code` text NOT NULL,
	`created_at` integer NOT NULL,
	`erased_at` integer
);
--> statement-breakpoint
CREATE INDEX `sessions_partner_code_idx` ON `sessions` (`partner_id`,`init_code`,`created_at`);--> statement-breakpoint
CREATE TABLE `trust_anchors` (
	`id` text PRIMARY KEY NOT NULL,
	`import_id` text NOT NULL,
	`kind` text NOT NULL,
	`country` text,
	`subject` text NOT NULL,
	`fingerprint` text NOT NULL,
	`skid` text,
	`serial` text,
	`not_before` text,
	`not_after` text,
	`source` text NOT NULL,
	`der` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`import_id`) REFERENCES `trust_imports`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `trust_anchors_import_fp_uq` ON `trust_anchors` (`import_id`,`fingerprint`);--> statement-breakpoint
CREATE INDEX `trust_anchors_kind_idx` ON `trust_anchors` (`kind`,`country`);--> statement-breakpoint
CREATE TABLE `trust_imports` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`label` text,
	`verified_by` text,
	`anchor_count` integer NOT NULL,
	`created_at` integer NOT NULL
);
