import { type DrizzleD1Database, drizzle } from "drizzle-orm/d1";
import * as schema from "../schema.ts";

/** The shared `kyc-accounts` database (binding `ACCOUNTS`) through drizzle. */
export type AccountsDb = DrizzleD1Database<typeof schema>;

export function accountsDb(d1: D1Database): AccountsDb {
  return drizzle(d1, { schema });
}
