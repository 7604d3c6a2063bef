ALTER TABLE `processes` ADD `holder_key` text;--> statement-breakpoint
ALTER TABLE `smile_jobs` ADD `holder_key` text;