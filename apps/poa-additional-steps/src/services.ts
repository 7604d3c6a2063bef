import { type AccountsRepository, getAccounts } from "@edgekyc/accounts";
import { Cipher, type Logger } from "@edgekyc/platform";
import { type DrizzleD1Database, drizzle } from "drizzle-orm/d1";
import { type PoaConfig, poaConfig } from "./config.ts";
import * as schema from "./db/schema.ts";

type PoaDb = DrizzleD1Database<typeof schema>;

/** Everything the domain needs, built once per request (and per cron run) from the bindings. */
export interface PoaServices {
  db: PoaDb;
  cipher: Cipher;
  accounts: AccountsRepository;
  uploads: R2Bucket;
  results: Queue;
  /** Receipt issue/revoke requests (src/domain/receipt-claims.ts) for apps/receipts. */
  receipts: Queue;
  config: PoaConfig;
  log: Logger;
  now: () => number;
}

export async function poaServices(env: Env, log: Logger): Promise<PoaServices> {
  const config = poaConfig(env);
  return {
    db: drizzle(env.DB, { schema }),
    cipher: await Cipher.forKeyRing(config.ENCRYPTION_KEYS),
    accounts: await getAccounts(env),
    uploads: env.UPLOADS,
    results: env.RESULTS,
    receipts: env.RECEIPTS,
    config,
    log,
    now: Date.now,
  };
}
