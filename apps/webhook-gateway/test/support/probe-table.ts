import { env } from "cloudflare:workers";
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** A scratch table for tests of D1 plumbing (not part of the gateway's schema). */
export const probe = sqliteTable("coalesce_probe", {
  id: text("id").primaryKey(),
  caller: integer("caller").notNull(),
});

export async function createProbeTable(): Promise<void> {
  await env.DB.exec(
    "CREATE TABLE IF NOT EXISTS coalesce_probe (id TEXT PRIMARY KEY, caller INTEGER NOT NULL)",
  );
}
