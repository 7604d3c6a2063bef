CREATE TABLE `api_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`dialect` text NOT NULL,
	`mode` text NOT NULL,
	`public_id` text,
	`secret_hash` text,
	`secret_ciphertext` text,
	`scopes` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer,
	`revoked_at` integer,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_public_id_unique` ON `api_keys` (`public_id`);--> statement-breakpoint
CREATE INDEX `api_keys_partner_idx` ON `api_keys` (`partner_id`,`dialect`,`mode`);--> statement-breakpoint
CREATE TABLE `partner_settings` (
	`partner_id` text NOT NULL,
	`capability` text NOT NULL,
	`settings` text NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`partner_id`, `capability`),
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `partners` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`smile_id_partner_id` text NOT NULL,
	`ndt_merchant_id` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `partners_smile_id_partner_id_unique` ON `partners` (`smile_id_partner_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `partners_ndt_merchant_id_unique` ON `partners` (`ndt_merchant_id`);--> statement-breakpoint
CREATE TABLE `replay_guard` (
	`partner_id` text NOT NULL,
	`signature_hash` text NOT NULL,
	`expires_at` integer NOT NULL,
	PRIMARY KEY(`partner_id`, `signature_hash`)
);
--> statement-breakpoint
CREATE INDEX `replay_guard_expires_idx` ON `replay_guard` (`expires_at`);--> statement-breakpoint
CREATE TABLE `webhook_endpoint_secrets` (
	`id` text PRIMARY KEY NOT NULL,
	`endpoint_id` text NOT NULL,
	`partner_id` text NOT NULL,
	`secret_ciphertext` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer,
	FOREIGN KEY (`endpoint_id`) REFERENCES `webhook_endpoints`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `webhook_endpoint_secrets_endpoint_idx` ON `webhook_endpoint_secrets` (`endpoint_id`);--> statement-breakpoint
CREATE TABLE `webhook_endpoints` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`mode` text NOT NULL,
	`capability` text,
	`target` text NOT NULL,
	`url` text NOT NULL,
	`disabled_at` integer,
	`disabled_reason` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `webhook_endpoints_active_target_uq` ON `webhook_endpoints` (`partner_id`,`mode`,`target`) WHERE deleted_at is null;