import { Cipher, ConfigError, type Logger } from "@edgekyc/platform";
import { IssuerKeyRing } from "@edgekyc/receipts";
import { drizzle } from "drizzle-orm/d1";
import { type IssuerUrls, issuerUrls, type ReceiptsConfig, receiptsConfig } from "./config.ts";
import * as schema from "./db/schema.ts";

type ReceiptsDb = ReturnType<typeof drizzle<typeof schema>>;

/** Everything the routes, queue consumers and cron use, built from the Worker's bindings. */
export interface ReceiptsServices {
  log: Logger;
  config: ReceiptsConfig;
  urls: IssuerUrls;
  db: ReceiptsDb;
  cipher: Cipher;
  keys: IssuerKeyRing;
  uploads: R2Bucket;
  results: Queue;
  deadLetters: Queue;
  now: () => number;
}

// Importing keys costs a few ms: once per isolate, again only when the secret changes.
let keyRing: { source: string; ring: Promise<IssuerKeyRing> } | undefined;
function issuerKeys(secret: string): Promise<IssuerKeyRing> {
  if (keyRing?.source !== secret) {
    // A broken secret is a configuration fault (503 in every dialect), not a 500.
    const ring = IssuerKeyRing.fromJwks(secret).catch((error: Error) => {
      throw new ConfigError(error.message);
    });
    keyRing = { source: secret, ring };
    ring.catch(() => {
      if (keyRing?.ring === ring) keyRing = undefined;
    });
  }
  return keyRing.ring;
}

export async function receiptsServices(env: Env, log: Logger): Promise<ReceiptsServices> {
  const config = receiptsConfig(env);
  return {
    log,
    config,
    urls: issuerUrls(config.PUBLIC_ORIGIN),
    db: drizzle(env.DB, { schema }),
    cipher: await Cipher.forKeyRing(env.ENCRYPTION_KEYS),
    keys: await issuerKeys(config.RECEIPT_SIGNING_KEYS),
    uploads: env.UPLOADS,
    results: env.RESULTS,
    deadLetters: env.DEAD_LETTERS,
    now: Date.now,
  };
}
