import { type AccountsRepository, getAccounts } from "@edgekyc/accounts";
import { Cipher, ConfigError, type Logger, receiptOrNull } from "@edgekyc/platform";
import {
  type IdAuthority,
  type ProviderMode,
  SandboxIdAuthority,
  SmileIdEnhancedKycAuthority,
  selectProvider,
} from "@edgekyc/provider-clients";
import { type ReceiptQueueMessage, ResultEventEnvelope, type ResultEventInput } from "@edgekyc/schemas";
import { type DrizzleD1Database, drizzle } from "drizzle-orm/d1";
import { D1SandboxIdentityStore } from "./authority/d1-identity-store.ts";
import { type LivenessConfig, livenessConfig } from "./config.ts";
import * as schema from "./db/schema.ts";
import type { FaceEngine } from "./face/face-engine.ts";
import { hasFaceMarker, MarkerFaceEngine } from "./face/marker-engine.ts";
import { remoteFaceEngine } from "./face/remote-engine.ts";

type Db = DrizzleD1Database<typeof schema>;

/** Everything the flows need, built from the Worker's bindings (requests, alarms and tests alike). */
export interface Services {
  config: LivenessConfig;
  db: Db;
  cipher: Cipher;
  uploads: R2Bucket;
  accounts: AccountsRepository;
  faceEngine: FaceEngine;
  idAuthority(mode: ProviderMode, partnerId: string): IdAuthority;
  /** Puts a result event on the RESULTS queue. */
  publish(event: ResultEventInput): Promise<void>;
  /**
   * Puts a receipt issue/revoke request on the RECEIPTS queue (built by src/receipts/receipt-claims.ts).
   * A request the schema refuses is logged and skipped (see receiptOrNull); a queue failure throws.
   */
  receipt(build: () => ReceiptQueueMessage): Promise<void>;
  /** Schedules the asynchronous processing of a process or job in its Durable Object. */
  schedule(kind: "process" | "job", id: string): Promise<void>;
  log: Logger;
  now: () => number;
}

/**
 * Test runs (ENVIRONMENT "test") send images carrying the test marker to the deterministic marker engine
 * and everything else to the real engine, so most route tests never load the face models.
 */
function faceEngineFor(env: Env, config: LivenessConfig): FaceEngine {
  const real = () => remoteFaceEngine(env);
  if (config.ENVIRONMENT !== "test") return real();
  const markers = new MarkerFaceEngine();
  return {
    name: "test-routing",
    compare: (probe, reference) =>
      hasFaceMarker(probe) && hasFaceMarker(reference)
        ? markers.compare(probe, reference)
        : real().compare(probe, reference),
    liveness: (frames) => (frames.every(hasFaceMarker) ? markers.liveness(frames) : real().liveness(frames)),
  };
}

export async function livenessServices(env: Env, log: Logger): Promise<Services> {
  const config = livenessConfig(env);
  const cipher = await Cipher.forKeyRing(env.ENCRYPTION_KEYS);
  const db = drizzle(env.DB, { schema });
  const services: Services = {
    config,
    db,
    cipher,
    uploads: env.UPLOADS,
    accounts: await getAccounts(env),
    faceEngine: faceEngineFor(env, config),
    idAuthority: (mode, partnerId) =>
      selectProvider<IdAuthority>({
        mode,
        sandbox: () => new SandboxIdAuthority(new D1SandboxIdentityStore(services, partnerId)),
        real: () => {
          if (!config.SMILE_ID_AUTHORITY_PARTNER_ID || !config.SMILE_ID_AUTHORITY_API_KEY) {
            throw new ConfigError(
              "live ID authority lookups need SMILE_ID_AUTHORITY_PARTNER_ID and SMILE_ID_AUTHORITY_API_KEY",
            );
          }
          return new SmileIdEnhancedKycAuthority({
            partnerId: config.SMILE_ID_AUTHORITY_PARTNER_ID,
            apiKey: config.SMILE_ID_AUTHORITY_API_KEY,
            baseUrl: config.SMILE_ID_AUTHORITY_URL,
          });
        },
      }),
    publish: async (event) => {
      // Validated here, so a malformed envelope fails in this app (and is retried) instead of the gateway.
      await env.RESULTS.send(ResultEventEnvelope.parse(event), { contentType: "json" });
    },
    receipt: async (build) => {
      const message = receiptOrNull(build, log);
      if (message) await env.RECEIPTS.send(message, { contentType: "json" });
    },
    schedule: async (kind, id) => {
      await env.JOBS.get(env.JOBS.idFromName(`${kind}:${id}`)).schedule(kind, id);
    },
    log,
    now: Date.now,
  };
  return services;
}
