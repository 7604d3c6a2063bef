CREATE TABLE `dossiers` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`mode` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `dossiers_partner` ON `dossiers` (`partner_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `images` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`owner_id` text NOT NULL,
	`name` text NOT NULL,
	`r2_key` text NOT NULL,
	`content_type` text NOT NULL,
	`bytes` integer NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `images_owner` ON `images` (`owner_id`);--> statement-breakpoint
CREATE TABLE `processes` (
	`id` text PRIMARY KEY NOT NULL,
	`dossier_id` text NOT NULL,
	`partner_id` text NOT NULL,
	`mode` text NOT NULL,
	`provider` text NOT NULL,
	`status` text NOT NULL,
	`face_scan_hash` text,
	`enrolled_at` integer,
	`replay_detected` integer DEFAULT false NOT NULL,
	`result_json` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `processes_dossier` ON `processes` (`dossier_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `processes_face_scan` ON `processes` (`partner_id`,`face_scan_hash`);--> statement-breakpoint
CREATE TABLE `reviewer_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`public_id` text NOT NULL,
	`secret_hash` text NOT NULL,
	`label` text NOT NULL,
	`created_at` integer NOT NULL,
	`revoked_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reviewer_keys_public` ON `reviewer_keys` (`public_id`);--> statement-breakpoint
CREATE TABLE `reviews` (
	`smile_job_id` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`status` text NOT NULL,
	`reason` text NOT NULL,
	`reviewer_key_id` text,
	`created_at` integer NOT NULL,
	`decided_at` integer
);
--> statement-breakpoint
CREATE INDEX `reviews_partner_status` ON `reviews` (`partner_id`,`status`,`created_at`);--> statement-breakpoint
CREATE TABLE `sandbox_identities` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`country` text NOT NULL,
	`id_type` text NOT NULL,
	`id_number_hash` text NOT NULL,
	`person_ciphertext` text NOT NULL,
	`photo_r2_key` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sandbox_identities_lookup` ON `sandbox_identities` (`partner_id`,`country`,`id_type`,`id_number_hash`);--> statement-breakpoint
CREATE TABLE `smile_jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`mode` text NOT NULL,
	`key_id` text NOT NULL,
	`job_id` text NOT NULL,
	`user_id` text NOT NULL,
	`job_type` integer NOT NULL,
	`status` text NOT NULL,
	`callback_url` text,
	`partner_params_json` text NOT NULL,
	`id_info_ciphertext` text,
	`upload_token_hash` text NOT NULL,
	`result_ciphertext` text,
	`result_code` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`completed_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `smile_jobs_partner_job` ON `smile_jobs` (`partner_id`,`job_id`);--> statement-breakpoint
CREATE INDEX `smile_jobs_user` ON `smile_jobs` (`partner_id`,`user_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `smile_users` (
	`partner_id` text NOT NULL,
	`user_id` text NOT NULL,
	`smile_job_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `smile_users_pk` ON `smile_users` (`partner_id`,`user_id`);