import { Cipher, type Logger } from "@edgekyc/platform";
import { getAccounts } from "@edgekyc/accounts";
import { drizzle } from "drizzle-orm/d1";
import { gatewayConfig } from "./config.ts";
import * as schema from "./db/schema.ts";
import { accountsEndpointDirectory } from "./delivery/accounts-endpoints.ts";
import type { ConsumerDeps } from "./delivery/consumers.ts";

/** Imported AES keys are reused across requests of an isolate; importing them is the costly part. */
let cipherCache: { spec: string; cipher: Promise<Cipher> } | undefined;

export function gatewayCipher(env: Env): Promise<Cipher> {
  if (cipherCache?.spec !== env.ENCRYPTION_KEYS) {
    cipherCache = { spec: env.ENCRYPTION_KEYS, cipher: Cipher.fromKeyRing(env.ENCRYPTION_KEYS) };
  }
  return cipherCache.cipher;
}

/** Everything delivery needs, built from the Worker's bindings. */
export async function gatewayServices(env: Env, log: Logger): Promise<ConsumerDeps> {
  const config = gatewayConfig(env);
  const cipher = await gatewayCipher(env);
  return {
    db: drizzle(env.DB, { schema }),
    cipher,
    endpoints: accountsEndpointDirectory(await getAccounts(env)),
    uploads: env.UPLOADS,
    config: {
      schedule: config.WEBHOOK_RETRY_SCHEDULE,
      timeoutMs: config.WEBHOOK_TIMEOUT_SECONDS * 1000,
      environment: config.ENVIRONMENT,
    },
    log,
    now: Date.now,
    retentionMs: config.WEBHOOK_PAYLOAD_RETENTION_DAYS * 86_400_000,
    deliveriesQueue: env.DELIVERIES,
    deadLetterQueue: env.DEAD_LETTERS,
    accountsDb: env.ACCOUNTS,
    gatewayDb: env.DB,
  };
}
