import { Cipher, type Logger } from "@edgekyc/platform";
import { type AccountsRepository, getAccounts } from "@edgekyc/platform/accounts";
import { type DrizzleD1Database, drizzle } from "drizzle-orm/d1";
import { type PoaConfig, poaConfig } from "./config.ts";
import * as schema from "./db/schema.ts";

export type PoaDb = DrizzleD1Database<typeof schema>;

/** Everything the domain needs, built once per request (and per queue/cron run) from the bindings. */
export interface PoaServices {
  db: PoaDb;
  cipher: Cipher;
  accounts: AccountsRepository;
  uploads: R2Bucket;
  results: Queue;
  config: PoaConfig;
  log: Logger;
  now: () => number;
}

let cipherCache: { spec: string; cipher: Promise<Cipher> } | undefined;

/** Imported AES keys are reused across requests of an isolate; importing them is the costly part. */
function cipherOf(spec: string): Promise<Cipher> {
  if (cipherCache?.spec !== spec) cipherCache = { spec, cipher: Cipher.fromKeyRing(spec) };
  return cipherCache.cipher;
}

export async function poaServices(env: Env, log: Logger): Promise<PoaServices> {
  const config = poaConfig(env);
  return {
    db: drizzle(env.DB, { schema }),
    cipher: await cipherOf(config.ENCRYPTION_KEYS),
    accounts: await getAccounts(env),
    uploads: env.UPLOADS,
    results: env.RESULTS,
    config,
    log,
    now: Date.now,
  };
}
