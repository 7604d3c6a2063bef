import { type AccountsRepository, accountsDb, getAccounts } from "@edgekyc/accounts";
import { Cipher, type Logger } from "@edgekyc/platform";
import { drizzle } from "drizzle-orm/d1";
import { type GatewayConfig, gatewayConfig } from "./config.ts";
import { CoalescedWrites } from "./db/coalesced-writes.ts";
import * as schema from "./db/schema.ts";
import { accountsEndpointDirectory } from "./delivery/accounts-endpoints.ts";
import type { ConsumerDeps } from "./delivery/consumers.ts";
import { isolateSlowLane } from "./delivery/slow-lane.ts";
import { EndpointRepository } from "./endpoints/endpoint-repository.ts";

/** Everything the gateway's routes, queue consumers and cron use, built from the Worker's bindings. */
export interface GatewayServices extends ConsumerDeps {
  accounts: AccountsRepository;
  /** Partners' webhook endpoints and their secrets (the gateway owns them). */
  webhookEndpoints: EndpointRepository;
  settings: GatewayConfig;
  resultsQueue: Queue;
}

/** The gateway's services factory: newApp calls it per request, index.ts for queue batches and cron. */
export async function gatewayServices(env: Env, log: Logger): Promise<GatewayServices> {
  const settings = gatewayConfig(env);
  const cipher = await Cipher.forKeyRing(env.ENCRYPTION_KEYS);
  const accounts = await getAccounts(env);
  const webhookEndpoints = new EndpointRepository(accountsDb(env.ACCOUNTS), cipher);
  const db = drizzle(env.DB, { schema });
  return {
    db,
    writes: new CoalescedWrites(db),
    cipher,
    accounts,
    webhookEndpoints,
    endpoints: accountsEndpointDirectory(accounts, webhookEndpoints),
    uploads: env.UPLOADS,
    settings,
    config: {
      schedule: settings.WEBHOOK_RETRY_SCHEDULE,
      timeoutMs: settings.WEBHOOK_TIMEOUT_SECONDS * 1000,
      environment: settings.ENVIRONMENT,
    },
    log,
    now: Date.now,
    retentionMs: settings.WEBHOOK_PAYLOAD_RETENTION_DAYS * 86_400_000,
    deliveriesQueue: env.DELIVERIES,
    deadLetterQueue: env.DEAD_LETTERS,
    resultsQueue: env.RESULTS,
    gatewayDb: env.DB,
    slowLane: isolateSlowLane,
  };
}
