import type { Cipher, Logger } from "@edgekyc/platform";
import { getDecrypted, newId, sha256Hex } from "@edgekyc/platform";
import { CAPABILITIES, type Capability } from "@edgekyc/schemas";
import { and, eq, inArray, isNull, lt, lte, or, sql } from "drizzle-orm";
import type { DrizzleD1Database } from "drizzle-orm/d1";
import type { CoalescedWrites } from "../db/coalesced-writes.ts";
import * as schema from "../db/schema.ts";
import type { ResolvedEndpoint } from "../endpoints/endpoint-views.ts";
import type { EndpointDirectory } from "./endpoint-directory.ts";
import { type AttemptResult, postWebhook } from "./http-attempt.ts";
import { MAX_QUEUE_DELAY_SECONDS, nextRetryDelay } from "./retry-schedule.ts";
import { signDelivery } from "./signing.ts";
import type { SlowLane } from "./slow-lane.ts";
import { checkEndpointUrl } from "./ssrf-guard.ts";

const { deliveries, deliveryAttempts, events } = schema;

export type GatewayDb = DrizzleD1Database<typeof schema>;

interface DeliveryConfig {
  /** Seconds before each retry (WEBHOOK_RETRY_SCHEDULE). */
  schedule: readonly number[];
  timeoutMs: number;
  environment: string;
}

export interface DeliveryDeps {
  db: GatewayDb;
  /**
   * The invocation's write batches, run together with others of the same moment (an event's record, an
   * attempt's record): one D1 round trip for a queue batch's worth of them.
   */
  writes: CoalescedWrites;
  cipher: Cipher;
  endpoints: EndpointDirectory;
  uploads: R2Bucket;
  config: DeliveryConfig;
  log: Logger;
  now: () => number;
  fetcher?: typeof fetch;
  random?: () => number;
  /** Receivers' origins that recently hung (per isolate); absent in unit tests of single attempts. */
  slowLane?: SlowLane;
}

/** What the queue consumer does with the message that carried the delivery. */
export type DeliveryDecision = { action: "done" } | { action: "retry"; delaySeconds: number };

export type DeliveryRow = typeof deliveries.$inferSelect;
type EventRow = typeof events.$inferSelect;

/** A lease outlives the longest attempt, so a crashed consumer's delivery is picked up again later. */
export function leaseMs(config: DeliveryConfig): number {
  return config.timeoutMs + 30_000;
}

export const payloadAad = (eventRowId: string) => `webhooks.events.payload:${eventRowId}`;
export const webhookUrlAad = (eventRowId: string) => `webhooks.events.webhook_url:${eventRowId}`;
export const responseAad = (attemptId: string) => `webhooks.delivery_attempts.response:${attemptId}`;

/** What an attempt needs of its event: in hand for a first attempt, read from D1 for later ones. */
export interface AttemptEvent {
  /** The producer's event id: the Standard Webhooks message id. */
  eventId: string;
  type: string;
  capability: string;
  signatures: EventRow["signatures"];
  /** The session's own webhook URL (plaintext), if it set one. */
  webhookUrl: string | null;
}

/**
 * Called before the POST when the receiver's origin has recently hung (slow-lane.ts): the consumer then
 * lets the attempt finish in the background at once instead of waiting out its inline budget.
 */
export type SlowReceiverHook = () => void;

/**
 * Makes at most one attempt of a delivery and records it. Safe to call for the same delivery from
 * several consumers at once: a conditional UPDATE (D1 serialises writes) leases the delivery to exactly
 * one of them, and a delivery that already succeeded or failed is never attempted again (only a replay
 * reopens it). The lease and the event are read in one round trip.
 */
export async function processDelivery(
  deps: DeliveryDeps,
  deliveryId: string,
  onSlowReceiver?: SlowReceiverHook,
): Promise<DeliveryDecision> {
  const now = deps.now();
  const leaseUntil = now + leaseMs(deps.config);
  const [[claimed], leasedEvent] = await deps.db.batch([
    deps.db
      .update(deliveries)
      .set({ leaseUntil, updatedAt: now })
      .where(
        and(
          eq(deliveries.id, deliveryId),
          inArray(deliveries.status, ["pending", "retrying"]),
          or(isNull(deliveries.leaseUntil), lt(deliveries.leaseUntil, now)),
          or(isNull(deliveries.nextAttemptAt), lte(deliveries.nextAttemptAt, now + 1000)),
        ),
      )
      .returning(),
    // Read only if this very lease was taken (another consumer's lease has another expiry or none).
    deps.db
      .select({ event: events })
      .from(events)
      .innerJoin(deliveries, eq(deliveries.eventRowId, events.id))
      .where(and(eq(deliveries.id, deliveryId), eq(deliveries.leaseUntil, leaseUntil))),
  ]);
  if (!claimed) return explainUnclaimed(deps, deliveryId, now);

  const event = leasedEvent[0]?.event;
  if (!event || event.erasedAt !== null) {
    await finish(deps, claimed, { status: "failed", lastError: "the event's data was erased", now });
    return { action: "done" };
  }
  let endpoint: ResolvedEndpoint | null;
  if (claimed.endpointId) {
    endpoint = await deps.endpoints.byId(claimed.partnerId, claimed.endpointId);
  } else {
    endpoint = await deps.endpoints.resolve(
      claimed.partnerId,
      claimed.mode,
      knownCapability(event.capability),
    );
  }
  const webhookUrl =
    !claimed.endpointId && event.webhookUrlCiphertext
      ? await deps.cipher.decryptText(event.webhookUrlCiphertext, webhookUrlAad(event.id))
      : null;
  const attemptEvent = { ...event, webhookUrl };
  const target = judgeTarget(deps, claimed, attemptEvent, endpoint);
  if ("error" in target) return refuse(deps, claimed, target, now);
  return attempt(deps, claimed, attemptEvent, await loadBody(deps, event), target, onSlowReceiver);
}

/**
 * The first attempt of a delivery its consumer has just recorded, leased, in the same batch: with the
 * rows, the plaintext body and the endpoint in hand, it costs one D1 round trip (the attempt's record).
 */
export async function attemptRecorded(
  deps: DeliveryDeps,
  delivery: DeliveryRow,
  event: AttemptEvent,
  body: string,
  endpoint: ResolvedEndpoint | null,
  onSlowReceiver?: SlowReceiverHook,
): Promise<DeliveryDecision> {
  const target = judgeTarget(deps, delivery, event, endpoint);
  if ("error" in target) return refuse(deps, delivery, target, deps.now());
  return attempt(deps, delivery, event, body, target, onSlowReceiver);
}

/** The delivery's capability if it is one the gateway knows (else the default endpoint serves it). */
function knownCapability(capability: string): Capability | null {
  return (CAPABILITIES as readonly string[]).includes(capability) ? (capability as Capability) : null;
}

async function attempt(
  deps: DeliveryDeps,
  delivery: DeliveryRow,
  event: AttemptEvent,
  body: string,
  target: { url: URL; endpointId: string | null; secrets: string[] },
  onSlowReceiver?: SlowReceiverHook,
): Promise<DeliveryDecision> {
  const now = deps.now();
  const headers = await signDelivery({
    messageId: event.eventId,
    body,
    secrets: target.secrets,
    signatures: event.signatures,
    at: new Date(now),
  });
  headers["x-edgekyc-delivery-id"] = delivery.id;
  headers["x-edgekyc-event-type"] = event.type;
  headers["x-edgekyc-attempt"] = String(delivery.attemptCount + 1);

  const lane = deps.slowLane;
  if (lane?.isSlow(target.url.origin, now)) onSlowReceiver?.();
  const result = await postWebhook({
    url: target.url,
    body,
    headers,
    timeoutMs: deps.config.timeoutMs,
    ...(deps.fetcher ? { fetcher: deps.fetcher } : {}),
    now: deps.now,
  });
  lane?.record(target.url.origin, result.outcome, deps.now());
  return recordAttempt(deps, delivery, target.endpointId, now, result);
}

function refuse(
  deps: DeliveryDeps,
  delivery: DeliveryRow,
  target: { error: string; endpointId: string | null },
  now: number,
): Promise<DeliveryDecision> {
  return recordAttempt(deps, delivery, target.endpointId, now, {
    outcome: "refused",
    statusCode: null,
    durationMs: 0,
    excerpt: null,
    truncated: false,
    retryAfterSeconds: null,
    error: target.error,
  });
}

async function explainUnclaimed(
  deps: DeliveryDeps,
  deliveryId: string,
  now: number,
): Promise<DeliveryDecision> {
  const [row] = await deps.db.select().from(deliveries).where(eq(deliveries.id, deliveryId));
  if (!row || row.status === "succeeded" || row.status === "failed") return { action: "done" };
  if (row.leaseUntil !== null && row.leaseUntil >= now) {
    return { action: "retry", delaySeconds: Math.ceil((row.leaseUntil - now) / 1000) + 1 };
  }
  // Not due yet: either an early queue hop of a long wait, or a duplicate message.
  const waitSeconds = Math.ceil(((row.nextAttemptAt ?? now) - now) / 1000);
  return { action: "retry", delaySeconds: Math.min(Math.max(waitSeconds, 1), MAX_QUEUE_DELAY_SECONDS) };
}

type Target =
  | { url: URL; endpointId: string | null; secrets: string[] }
  | { error: string; endpointId: string | null };

function judgeTarget(
  deps: DeliveryDeps,
  delivery: DeliveryRow,
  event: AttemptEvent,
  endpoint: ResolvedEndpoint | null,
): Target {
  const endpointId = endpoint?.id ?? null;
  const override = delivery.endpointId ? null : event.webhookUrl;
  if (!endpoint) {
    return {
      endpointId,
      error: override
        ? "no webhook endpoint is configured to sign deliveries to the session's webhook URL with"
        : `no webhook endpoint is configured for ${knownCapability(event.capability) ?? event.capability} in ${delivery.mode} mode`,
    };
  }
  // A session's own URL bypasses the endpoint's URL, not its state: a disabled endpoint stops both.
  if (endpoint.disabled) {
    return {
      endpointId,
      error: `the webhook endpoint is disabled (${endpoint.disabledReason ?? "by the partner"})`,
    };
  }
  const check = checkEndpointUrl(override ?? endpoint.url, delivery.mode, deps.config.environment);
  if (!check.ok) return { endpointId, error: `the webhook URL was refused: ${check.reason}` };
  return { url: check.url, endpointId: override ? null : endpoint.id, secrets: endpoint.secrets };
}

/** The stored payload: inline ciphertext, or an encrypted R2 object checked against its sha256. */
export async function loadBody(
  deps: DeliveryDeps,
  event: Pick<EventRow, "id" | "payloadCiphertext" | "payloadR2Key" | "payloadSha256">,
): Promise<string> {
  if (event.payloadCiphertext !== null) {
    return deps.cipher.decryptText(event.payloadCiphertext, payloadAad(event.id));
  }
  if (event.payloadR2Key === null) throw new Error(`event ${event.id} has no payload`);
  const bytes = await getDecrypted(deps.uploads, deps.cipher, event.payloadR2Key);
  if (!bytes) throw new Error(`payload object of event ${event.id} is missing`);
  if (event.payloadSha256 && (await sha256Hex(bytes)) !== event.payloadSha256) {
    throw new Error(`payload object of event ${event.id} does not match its sha256`);
  }
  return new TextDecoder().decode(bytes);
}

/** Writes the attempt and the delivery's new state in one batch, and says what the queue should do. */
async function recordAttempt(
  deps: DeliveryDeps,
  delivery: DeliveryRow,
  endpointId: string | null,
  startedAt: number,
  result: AttemptResult,
): Promise<DeliveryDecision> {
  const attemptId = newId("att");
  const number = delivery.attemptCount + 1;
  const cycleAttempts = delivery.cycleAttempts + 1;
  const now = deps.now();

  let status: DeliveryRow["status"];
  let nextAttemptAt: number | null = null;
  let decision: DeliveryDecision = { action: "done" };
  let lastError = result.error;
  if (result.outcome === "success") {
    status = "succeeded";
  } else if (result.outcome === "refused") {
    status = "failed";
  } else if (result.statusCode === 410) {
    status = "failed";
    lastError = "receiver answered 410 Gone; the endpoint was disabled";
    if (endpointId) {
      await deps.endpoints.disable(delivery.partnerId, endpointId, "receiver answered 410 Gone");
    }
  } else {
    const delay = nextRetryDelay(deps.config.schedule, cycleAttempts, result.retryAfterSeconds, deps.random);
    if (delay === null) {
      status = "failed";
      lastError = `${result.error ?? "attempt failed"}; all ${cycleAttempts} attempts failed`;
    } else {
      status = "retrying";
      nextAttemptAt = now + delay * 1000;
      decision = { action: "retry", delaySeconds: Math.min(delay, MAX_QUEUE_DELAY_SECONDS) };
    }
  }

  const responseCiphertext =
    result.excerpt === null ? null : await deps.cipher.encryptText(result.excerpt, responseAad(attemptId));
  await deps.writes.batch([
    deps.db.insert(deliveryAttempts).values({
      id: attemptId,
      deliveryId: delivery.id,
      partnerId: delivery.partnerId,
      number,
      endpointId,
      startedAt,
      durationMs: result.durationMs,
      outcome: result.outcome,
      statusCode: result.statusCode,
      error: result.error,
      responseCiphertext,
      responseTruncated: result.truncated,
    }),
    deps.db
      .update(deliveries)
      .set({
        status,
        attemptCount: number,
        cycleAttempts,
        nextAttemptAt,
        leaseUntil: null,
        lastAttemptAt: startedAt,
        lastStatusCode: result.statusCode,
        lastError: status === "succeeded" ? null : lastError,
        lastEndpointId: endpointId,
        succeededAt: status === "succeeded" ? now : null,
        updatedAt: now,
      })
      .where(eq(deliveries.id, delivery.id)),
  ]);
  // Every attempt is in delivery_attempts (the API's attempt history, replayable); the log carries only
  // the attempts that need attention, so a busy gateway pays no log line (a Workers Logs event) per
  // success. Locally, wrangler dev's DevTools session made that line ≈ 3 ms of CPU per delivery.
  if (status !== "succeeded") {
    deps.log.warn("webhook attempt failed", {
      deliveryId: delivery.id,
      attempt: number,
      outcome: result.outcome,
      statusCode: result.statusCode,
      durationMs: result.durationMs,
      status,
    });
  }
  return decision;
}

async function finish(
  deps: DeliveryDeps,
  delivery: DeliveryRow,
  change: { status: "failed"; lastError: string; now: number },
): Promise<void> {
  await deps.db
    .update(deliveries)
    .set({ status: change.status, lastError: change.lastError, leaseUntil: null, updatedAt: change.now })
    .where(eq(deliveries.id, delivery.id));
}

/**
 * How long past its due time an unleased open delivery may wait before it counts as stranded (its queue
 * message lost: a crash between recording and enqueueing, or a local queue gone with a restart). Well
 * below the cron period, so the cron picks a due delivery up within one period; a queue message that is
 * merely late and arrives as well finds the delivery leased or done and makes no second attempt.
 */
const STRANDED_AFTER_MS = 30_000;

/** SQL condition: open, not leased, and due more than STRANDED_AFTER_MS ago. */
export function strandedCondition(now: number) {
  return and(
    inArray(deliveries.status, ["pending", "retrying"]),
    or(isNull(deliveries.leaseUntil), lt(deliveries.leaseUntil, now)),
    sql`coalesce(${deliveries.nextAttemptAt}, ${deliveries.updatedAt}) < ${now - STRANDED_AFTER_MS}`,
  );
}

/** Deliveries whose queue message was lost: the cron re-enqueues them. */
export async function findStrandedDeliveries(db: GatewayDb, now: number, limit: number): Promise<string[]> {
  const rows = await db
    .select({ id: deliveries.id })
    .from(deliveries)
    .where(strandedCondition(now))
    .orderBy(deliveries.nextAttemptAt)
    .limit(limit);
  return rows.map((row) => row.id);
}
