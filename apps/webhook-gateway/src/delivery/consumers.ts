import type { ResultEvent } from "@edgekyc/schemas";
import { and, eq, inArray } from "drizzle-orm";
import { deliveries } from "../db/schema.ts";
import type { PartnerEndpoints } from "../endpoints/endpoint-views.ts";
import { type DeadLetterMessage, isDeadLetterMessage, storeDeadLetter } from "./dead-letters.ts";
import {
  attemptRecorded,
  type DeliveryDecision,
  type DeliveryDeps,
  findStrandedDeliveries,
  leaseMs,
  loadBody,
  processDelivery,
  type SlowReceiverHook,
} from "./deliver.ts";
import { enqueueDeliveries, isDeliveryMessage } from "./enqueue.ts";
import { purgeExpiredPayloads } from "./erasure.ts";
import { type IngestOutcome, identifyEnvelope, parseEnvelope, recordEvent } from "./ingest.ts";

export const RESULTS_QUEUE = "kyc-results";
export const DELIVERIES_QUEUE = "kyc-deliveries";
export const DEAD_LETTER_QUEUE = "kyc-results-dlq";

export interface ConsumerDeps extends DeliveryDeps {
  /** How long finished deliveries keep their payload (WEBHOOK_PAYLOAD_RETENTION_DAYS). */
  retentionMs: number;
  deliveriesQueue: Queue;
  deadLetterQueue: Queue;
  gatewayDb: D1Database;
  /**
   * The invocation's waitUntil (queue handlers). With it, an attempt still running after
   * INLINE_ATTEMPT_BUDGET_MS finishes in the background and its message is acknowledged at once, so one
   * hanging receiver never holds up the batch (and the batches behind it) for the other partners.
   */
  waitUntil?: (promise: Promise<unknown>) => void;
  /** How long to wait for an attempt before it goes to the background (INLINE_ATTEMPT_BUDGET_MS). */
  inlineBudgetMs?: number;
}

/**
 * How long a consumer waits for one attempt before letting it finish in the background. Well under a
 * second, so a hanging receiver delays the next batch (other partners' deliveries) by less than that;
 * a receiver known to hang (slow-lane.ts) is not waited for at all.
 */
const INLINE_ATTEMPT_BUDGET_MS = 400;

/**
 * Runs one attempt and schedules what follows it (a retry on kyc-deliveries). Resolves "handed-off"
 * when the attempt outlives the budget, or its receiver is in the slow lane: it then completes under
 * waitUntil, its delivery leased in D1 (a crash mid-way is recovered by the cron once the lease
 * expires), so the message can be acknowledged.
 */
async function attemptWithin(
  deps: ConsumerDeps,
  deliveryId: string,
  run: (onSlowReceiver: SlowReceiverHook) => Promise<DeliveryDecision>,
  onRetry: (delaySeconds: number, handedOff: boolean) => Promise<void> | void,
): Promise<"done" | "handed-off"> {
  // Set when the budget runs out, before anyone learns of it: the retry then cannot ride on the message.
  let handedOff = false;
  let handOff: () => void = () => undefined;
  const budget = new Promise<"handed-off">((resolve) => {
    handOff = () => {
      handedOff = true;
      resolve("handed-off");
    };
  });
  const work = run(() => {
    if (deps.waitUntil) handOff();
  }).then(async (decision) => {
    if (decision.action === "retry") await onRetry(decision.delaySeconds, handedOff);
  });
  if (!deps.waitUntil) {
    await work;
    return "done";
  }
  const timer = setTimeout(handOff, deps.inlineBudgetMs ?? INLINE_ATTEMPT_BUDGET_MS);
  try {
    const outcome = await Promise.race([work.then(() => "done" as const), budget]);
    if (outcome === "handed-off") {
      deps.waitUntil(
        work.catch((error) =>
          deps.log.error("background attempt failed; the cron recovers it", {
            deliveryId,
            error: describe(error),
          }),
        ),
      );
    }
    return outcome;
  } finally {
    clearTimeout(timer);
  }
}

/** Backoff for unexpected failures (D1 unavailable…), by how often the message was tried. */
function failureDelay(attempts: number): number {
  return Math.min(30 * 2 ** Math.max(0, attempts - 1), 3600);
}

/**
 * Tries of a message that keeps failing unexpectedly before the consumer records it as a dead letter
 * itself (below the queues' max_retries, so the reason is ours, not "the queue gave up").
 */
export const MAX_UNEXPECTED_FAILURES = 5;

/**
 * Puts a dead letter on kyc-results-dlq; if that fails (the body cannot be serialised for the queue,
 * the queue is unavailable), stores it in D1 directly. Throws only if both fail.
 */
async function sendDeadLetter(deps: ConsumerDeps, letter: Omit<DeadLetterMessage, "edgekycDeadLetter">) {
  try {
    await deps.deadLetterQueue.send({ edgekycDeadLetter: 1, ...letter } satisfies DeadLetterMessage);
  } catch (error) {
    deps.log.warn("dead letter not queued; storing it directly", { error: describe(error) });
    await storeDeadLetter(deps.gatewayDb, deps.cipher, letter, deps.now());
  }
}

/**
 * A message failed unexpectedly: retried with backoff, and after MAX_UNEXPECTED_FAILURES tries recorded
 * as a dead letter with the error (and its delivery, if any, marked failed so it can be replayed).
 */
async function containFailure(
  deps: ConsumerDeps,
  message: Message,
  queue: string,
  error: unknown,
  deliveryId: string | null,
): Promise<void> {
  const reason = describe(error);
  deps.log.error("queue message failed", {
    queue,
    messageId: message.id,
    attempts: message.attempts,
    error: reason,
  });
  if (message.attempts < MAX_UNEXPECTED_FAILURES) {
    message.retry({ delaySeconds: failureDelay(message.attempts) });
    return;
  }
  try {
    const who = identifyEnvelope(message.body);
    await sendDeadLetter(deps, {
      queue,
      reason: `processing failed ${message.attempts} times: ${reason}`,
      partnerId: who.partnerId,
      eventId: who.eventId,
      body: message.body,
    });
    if (deliveryId) await markFailed(deps, deliveryId, `processing failed repeatedly (${reason}); replay it`);
    message.ack();
  } catch (deadLetterError) {
    deps.log.error("dead letter could not be recorded", { error: describe(deadLetterError) });
    message.retry({ delaySeconds: failureDelay(message.attempts) });
  }
}

async function markFailed(deps: ConsumerDeps, deliveryId: string, lastError: string): Promise<void> {
  await deps.db
    .update(deliveries)
    .set({ status: "failed", lastError: lastError.slice(0, 500), leaseUntil: null, updatedAt: deps.now() })
    .where(and(eq(deliveries.id, deliveryId), inArray(deliveries.status, ["pending", "retrying"])));
}

/**
 * kyc-results: every capability's result envelopes. Each message is handled on its own: an invalid
 * one goes to the dead-letter queue with its reason and is acknowledged, so it never fails the batch.
 * Partners and their endpoints are read once per batch; each new event is recorded with its delivery,
 * leased, in one D1 batch, and its first attempt is made right away with the rows and plaintext in hand
 * (see README, "The hot path"). Later attempts travel on kyc-deliveries.
 */
export async function consumeResults(batch: MessageBatch, deps: ConsumerDeps): Promise<void> {
  const parsed = batch.messages.map((message) => ({
    message,
    parsed: safely(() => parseEnvelope(message.body)),
  }));
  const partnerIds = parsed.flatMap(({ parsed }) =>
    parsed.ok && parsed.value.ok ? [parsed.value.event.partnerId] : [],
  );
  let directory: Promise<Map<string, PartnerEndpoints>> | undefined;
  // Read lazily and once: a batch of invalid envelopes never touches the accounts database.
  const lookUp = () => {
    directory ??= deps.endpoints.forPartners(partnerIds);
    return directory;
  };
  // The same event twice in one batch is handled once; both messages are acknowledged with it.
  const seen = new Map<string, Promise<void>>();
  await Promise.all(
    parsed.map(async ({ message, parsed }) => {
      try {
        if (!parsed.ok) throw parsed.error;
        if (!parsed.value.ok) {
          await rejectResult(deps, message, parsed.value.rejected);
        } else {
          const { event } = parsed.value;
          const key = JSON.stringify([event.partnerId, event.eventId]);
          let handled = seen.get(key);
          if (!handled) {
            handled = ingestAndAttempt(deps, message, event, lookUp);
            seen.set(key, handled);
          }
          await handled;
        }
        message.ack();
      } catch (error) {
        await containFailure(deps, message, RESULTS_QUEUE, error, null);
      }
    }),
  );
}

async function ingestAndAttempt(
  deps: ConsumerDeps,
  message: Message,
  event: ResultEvent,
  lookUp: () => Promise<Map<string, PartnerEndpoints>>,
): Promise<void> {
  const partner = (await lookUp()).get(event.partnerId);
  if (!partner) {
    await rejectResult(deps, message, {
      kind: "rejected",
      reason: `unknown partner ${event.partnerId}`,
      partnerId: event.partnerId,
      eventId: event.eventId,
    });
    return;
  }
  const payloadText = event.payload === undefined ? null : JSON.stringify(event.payload);
  const outcome = await recordEvent(
    deps,
    event,
    { kind: "event", endpointId: null },
    { leaseUntil: deps.now() + leaseMs(deps.config), payloadText },
  );
  const enqueueRetry = (delaySeconds: number) =>
    enqueueDeliveries(deps.deliveriesQueue, [outcome.deliveryId], delaySeconds);
  if (outcome.kind === "accepted") {
    const { delivery } = outcome;
    await attemptWithin(
      deps,
      delivery.id,
      async (onSlowReceiver) => {
        const endpoint = await partner.resolve(event.mode, event.capability);
        const body =
          payloadText ??
          (await loadBody(deps, {
            id: delivery.eventRowId,
            payloadCiphertext: null,
            payloadR2Key: event.payloadRef?.r2Key ?? null,
            payloadSha256: event.payloadRef?.sha256 ?? null,
          }));
        const attemptEvent = { ...event, webhookUrl: event.webhookUrl ?? null };
        return attemptRecorded(deps, delivery, attemptEvent, body, endpoint, onSlowReceiver);
      },
      enqueueRetry,
    );
  } else if (outcome.needsAttempt) {
    await attemptWithin(
      deps,
      outcome.deliveryId,
      (onSlowReceiver) => processDelivery(deps, outcome.deliveryId, onSlowReceiver),
      enqueueRetry,
    );
  }
}

async function rejectResult(
  deps: ConsumerDeps,
  message: Message,
  outcome: Extract<IngestOutcome, { kind: "rejected" }>,
): Promise<void> {
  deps.log.warn("result envelope rejected", { reason: outcome.reason, messageId: message.id });
  await sendDeadLetter(deps, {
    queue: RESULTS_QUEUE,
    reason: outcome.reason,
    partnerId: outcome.partnerId,
    eventId: outcome.eventId,
    body: message.body,
  });
}

/** A synchronous step's value or its error, so one message's failure stays that message's. */
function safely<T>(step: () => T): { ok: true; value: T } | { ok: false; error: unknown } {
  try {
    return { ok: true, value: step() };
  } catch (error) {
    return { ok: false, error };
  }
}

/** kyc-deliveries: one attempt per message; retries ride on the queue's own delayed retry. */
export async function consumeDeliveries(batch: MessageBatch, deps: ConsumerDeps): Promise<void> {
  await Promise.all(
    batch.messages.map(async (message) => {
      if (!isDeliveryMessage(message.body)) {
        try {
          await sendDeadLetter(deps, {
            queue: DELIVERIES_QUEUE,
            reason: "message is not a delivery reference",
            partnerId: null,
            eventId: null,
            body: message.body,
          });
          message.ack();
        } catch (error) {
          await containFailure(deps, message, DELIVERIES_QUEUE, error, null);
        }
        return;
      }
      try {
        const { deliveryId } = message.body;
        let retryDelay: number | null = null;
        await attemptWithin(
          deps,
          deliveryId,
          (onSlowReceiver) => processDelivery(deps, deliveryId, onSlowReceiver),
          async (delaySeconds, handedOff) => {
            // Inline, the message itself carries the retry; in the background it is acknowledged already.
            if (handedOff) await enqueueDeliveries(deps.deliveriesQueue, [deliveryId], delaySeconds);
            else retryDelay = delaySeconds;
          },
        );
        if (retryDelay !== null) message.retry({ delaySeconds: retryDelay });
        else message.ack();
      } catch (error) {
        await containFailure(deps, message, DELIVERIES_QUEUE, error, message.body.deliveryId);
      }
    }),
  );
}

/**
 * kyc-results-dlq: keeps every dead letter in D1 (visible through the admin API). Messages that reach
 * it because the queue gave up on them are recorded too, and a delivery they referenced is marked failed
 * so it shows up as undelivered and can be replayed.
 */
export async function consumeDeadLetters(batch: MessageBatch, deps: ConsumerDeps): Promise<void> {
  for (const message of batch.messages) {
    try {
      if (isDeadLetterMessage(message.body)) {
        const { edgekycDeadLetter: _marker, ...letter } = message.body;
        await storeDeadLetter(deps.gatewayDb, deps.cipher, letter, deps.now());
      } else {
        const deliveryId = isDeliveryMessage(message.body) ? message.body.deliveryId : null;
        await storeDeadLetter(
          deps.gatewayDb,
          deps.cipher,
          {
            queue: deliveryId ? DELIVERIES_QUEUE : RESULTS_QUEUE,
            reason: "the queue exhausted its retries for this message",
            partnerId: null,
            eventId: null,
            body: message.body,
          },
          deps.now(),
        );
        if (deliveryId) {
          await markFailed(
            deps,
            deliveryId,
            "processing failed repeatedly; replay the delivery to try again",
          );
        }
      }
      message.ack();
    } catch (error) {
      deps.log.error("dead letter could not be stored", { messageId: message.id, error: describe(error) });
      message.retry({ delaySeconds: failureDelay(message.attempts) });
    }
  }
}

/** Cron safety net: re-enqueues deliveries whose queue message was lost. */
export async function sweepStrandedDeliveries(deps: ConsumerDeps): Promise<number> {
  const ids = await findStrandedDeliveries(deps.db, deps.now(), 500);
  if (ids.length > 0) {
    await enqueueDeliveries(deps.deliveriesQueue, ids);
    deps.log.warn("re-enqueued stranded deliveries", { count: ids.length });
  }
  return ids.length;
}

/** The cron's work: recover lost deliveries, then erase payloads past their retention. */
export async function runMaintenance(deps: ConsumerDeps): Promise<void> {
  await sweepStrandedDeliveries(deps);
  const now = deps.now();
  const purged = await purgeExpiredPayloads(deps.db, deps.uploads, now - deps.retentionMs, now);
  if (purged > 0) deps.log.info("erased expired webhook payloads", { count: purged });
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 500) : "non-error thrown";
}
