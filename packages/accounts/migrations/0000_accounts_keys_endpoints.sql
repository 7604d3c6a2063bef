CREATE TABLE `api_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`dialect` text NOT NULL,
	`mode` text NOT NULL,
	`public_id` text NOT NULL,
	`secret_hash` text,
	`secret_ciphertext` text,
	`scopes` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer,
	`revoked_at` integer,
	`last_used_at` integer,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "api_keys_dialect_known" CHECK(dialect in ('machinesense', 'assure', 'smileid', 'ndt', 'idenfy', 'edgekyc')),
	CONSTRAINT "api_keys_mode_known" CHECK(mode in ('test', 'live')),
	CONSTRAINT "api_keys_secret_storage" CHECK((dialect = 'smileid' and secret_ciphertext is not null and secret_hash is null) or (dialect <> 'smileid' and secret_hash is not null and secret_ciphertext is null))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_public_id_uq` ON `api_keys` (`public_id`);--> statement-breakpoint
CREATE INDEX `api_keys_partner_dialect_mode_idx` ON `api_keys` (`partner_id`,`dialect`,`mode`);--> statement-breakpoint
CREATE TABLE `partner_settings` (
	`partner_id` text NOT NULL,
	`capability` text NOT NULL,
	`settings` text NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`partner_id`, `capability`),
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "partner_settings_capability_known" CHECK(capability in ('nfc-session', 'biometric-liveness', 'ekyc-otp-pennydrop', 'poa-additional-steps'))
);
--> statement-breakpoint
CREATE TABLE `partners` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`smile_id_partner_id` text NOT NULL,
	`ndt_merchant_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`erased_at` integer,
	CONSTRAINT "partners_smile_id_partner_id_numeric" CHECK(length(smile_id_partner_id) between 1 and 20 and smile_id_partner_id not glob '*[^0-9]*'),
	CONSTRAINT "partners_ndt_merchant_id_uuid" CHECK(length(ndt_merchant_id) = 36)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `partners_smile_id_partner_id_uq` ON `partners` (`smile_id_partner_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `partners_ndt_merchant_id_uq` ON `partners` (`ndt_merchant_id`);--> statement-breakpoint
CREATE TABLE `replay_guard` (
	`partner_id` text NOT NULL,
	`signature_hash` text NOT NULL,
	`expires_at` integer NOT NULL,
	PRIMARY KEY(`partner_id`, `signature_hash`),
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `replay_guard_expires_idx` ON `replay_guard` (`expires_at`);--> statement-breakpoint
CREATE TABLE `webhook_endpoint_secrets` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`endpoint_id` text NOT NULL,
	`secret_ciphertext` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`endpoint_id`) REFERENCES `webhook_endpoints`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `webhook_endpoint_secrets_endpoint_idx` ON `webhook_endpoint_secrets` (`endpoint_id`,`expires_at`);--> statement-breakpoint
CREATE TABLE `webhook_endpoints` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`mode` text NOT NULL,
	`capability` text,
	`target` text GENERATED ALWAYS AS (coalesce(capability, 'default')) VIRTUAL,
	`url` text NOT NULL,
	`disabled_at` integer,
	`disabled_reason` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "webhook_endpoints_mode_known" CHECK(mode in ('test', 'live')),
	CONSTRAINT "webhook_endpoints_capability_known" CHECK(capability is null or capability in ('nfc-session', 'biometric-liveness', 'ekyc-otp-pennydrop', 'poa-additional-steps'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `webhook_endpoints_active_target_uq` ON `webhook_endpoints` (`partner_id`,`mode`,`target`) WHERE deleted_at is null;