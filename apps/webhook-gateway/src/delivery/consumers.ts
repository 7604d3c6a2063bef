import { and, eq, inArray } from "drizzle-orm";
import { deliveries } from "../db/schema.ts";
import { type DeadLetterMessage, isDeadLetterMessage, storeDeadLetter } from "./dead-letters.ts";
import { type DeliveryDeps, findStrandedDeliveries, processDelivery } from "./deliver.ts";
import { enqueueDeliveries, isDeliveryMessage } from "./enqueue.ts";
import { purgeExpiredPayloads } from "./erasure.ts";
import { ingestResult } from "./ingest.ts";

export const RESULTS_QUEUE = "kyc-results";
export const DELIVERIES_QUEUE = "kyc-deliveries";
export const DEAD_LETTER_QUEUE = "kyc-results-dlq";

export interface ConsumerDeps extends DeliveryDeps {
  /** How long finished deliveries keep their payload (WEBHOOK_PAYLOAD_RETENTION_DAYS). */
  retentionMs: number;
  deliveriesQueue: Queue;
  deadLetterQueue: Queue;
  gatewayDb: D1Database;
}

/** Backoff for unexpected failures (D1 unavailable…), by how often the message was tried. */
function failureDelay(attempts: number): number {
  return Math.min(30 * 2 ** Math.max(0, attempts - 1), 3600);
}

/**
 * kyc-results: every capability's result envelopes. Each message is handled on its own: an invalid
 * one goes to the dead-letter queue with its reason and is acknowledged, so it never fails the batch.
 * The first attempt is made right away; later ones travel on kyc-deliveries.
 */
export async function consumeResults(batch: MessageBatch, deps: ConsumerDeps): Promise<void> {
  await Promise.all(
    batch.messages.map(async (message) => {
      try {
        const outcome = await ingestResult(deps, message.body);
        if (outcome.kind === "rejected") {
          deps.log.warn("result envelope rejected", { reason: outcome.reason, messageId: message.id });
          await deps.deadLetterQueue.send({
            edgekycDeadLetter: 1,
            queue: RESULTS_QUEUE,
            reason: outcome.reason,
            partnerId: outcome.partnerId,
            eventId: outcome.eventId,
            body: message.body,
          } satisfies DeadLetterMessage);
        } else if (outcome.kind === "accepted" || outcome.needsAttempt) {
          const decision = await processDelivery(deps, outcome.deliveryId);
          if (decision.action === "retry") {
            await enqueueDeliveries(deps.deliveriesQueue, [outcome.deliveryId], decision.delaySeconds);
          }
        }
        message.ack();
      } catch (error) {
        deps.log.error("result message failed", { messageId: message.id, error: describe(error) });
        message.retry({ delaySeconds: failureDelay(message.attempts) });
      }
    }),
  );
}

/** kyc-deliveries: one attempt per message; retries ride on the queue's own delayed retry. */
export async function consumeDeliveries(batch: MessageBatch, deps: ConsumerDeps): Promise<void> {
  await Promise.all(
    batch.messages.map(async (message) => {
      if (!isDeliveryMessage(message.body)) {
        await deps.deadLetterQueue.send({
          edgekycDeadLetter: 1,
          queue: DELIVERIES_QUEUE,
          reason: "message is not a delivery reference",
          partnerId: null,
          eventId: null,
          body: message.body,
        } satisfies DeadLetterMessage);
        message.ack();
        return;
      }
      try {
        const decision = await processDelivery(deps, message.body.deliveryId);
        if (decision.action === "retry") message.retry({ delaySeconds: decision.delaySeconds });
        else message.ack();
      } catch (error) {
        deps.log.error("delivery attempt failed unexpectedly", {
          deliveryId: message.body.deliveryId,
          error: describe(error),
        });
        message.retry({ delaySeconds: failureDelay(message.attempts) });
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
          await deps.db
            .update(deliveries)
            .set({
              status: "failed",
              lastError: "processing failed repeatedly; replay the delivery to try again",
              leaseUntil: null,
              updatedAt: deps.now(),
            })
            .where(and(eq(deliveries.id, deliveryId), inArray(deliveries.status, ["pending", "retrying"])));
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
