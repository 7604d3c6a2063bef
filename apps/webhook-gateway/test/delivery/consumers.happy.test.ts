import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { deadLetters, deliveries } from "../../src/db/schema.ts";
import {
  type ConsumerDeps,
  consumeDeadLetters,
  consumeDeliveries,
  consumeResults,
  sweepStrandedDeliveries,
} from "../../src/delivery/consumers.ts";
import { listDeadLetters } from "../../src/delivery/dead-letters.ts";
import { ingestResult } from "../../src/delivery/ingest.ts";
import { deliveryHarness, resultEvent } from "../support/delivery-harness.ts";

function batchOf(queue: string, bodies: unknown[]) {
  return createMessageBatch(
    queue,
    bodies.map((body, i) => ({ id: `msg-${i}`, timestamp: new Date(), attempts: 1, body })),
  );
}

async function run(
  consume: (batch: MessageBatch, deps: ConsumerDeps) => Promise<void>,
  batch: MessageBatch,
  deps: ConsumerDeps,
) {
  const ctx = createExecutionContext();
  await consume(batch, deps);
  return getQueueResult(batch, ctx);
}

describe("kyc-results consumer", () => {
  it("dead-letters an invalid envelope with its reason and still delivers the rest of the batch", async () => {
    const h = await deliveryHarness();
    const partnerId = h.endpoints.addPartner();
    h.endpoints.addEndpoint(partnerId);
    const good = resultEvent(partnerId);
    const batch = batchOf("kyc-results", [
      { ...resultEvent(partnerId), occurredAt: "yesterday" },
      good,
      "not an object",
      resultEvent(h.endpoints.addPartner().replace("ptn_", "ptn_x")),
    ]);

    const result = await run(consumeResults, batch, h.deps);
    expect(result.explicitAcks.sort()).toEqual(["msg-0", "msg-1", "msg-2", "msg-3"]);
    expect(result.retryMessages).toEqual([]);
    expect(h.receiver.received.map((r) => r.headers["webhook-id"])).toEqual([good.eventId]);

    const letters = h.deadLetterQueue.sent.map((s) => s.body as { reason: string; queue: string });
    expect(letters).toHaveLength(3);
    expect(letters[0]?.reason).toContain("occurredAt");
    expect(letters[1]?.reason).toContain("invalid result envelope");
    expect(letters[2]?.reason).toContain("unknown partner");
    // Reasons name fields, never the personal data inside the payload.
    expect(JSON.stringify(letters.map((l) => l.reason))).not.toContain("ERIKSSON");
  });

  it("does not deliver again an event that already succeeded when the queue redelivers it", async () => {
    const h = await deliveryHarness();
    const partnerId = h.endpoints.addPartner();
    h.endpoints.addEndpoint(partnerId);
    const event = resultEvent(partnerId);
    await run(consumeResults, batchOf("kyc-results", [event]), h.deps);
    const again = await run(consumeResults, batchOf("kyc-results", [event, event]), h.deps);
    expect(again.explicitAcks).toHaveLength(2);
    expect(h.receiver.received).toHaveLength(1);
  });

  it("hands a failed first attempt to kyc-deliveries with the schedule's delay", async () => {
    const h = await deliveryHarness({ schedule: [5] });
    const partnerId = h.endpoints.addPartner();
    h.endpoints.addEndpoint(partnerId);
    h.receiver.reply(new Response("", { status: 500 }));
    await run(consumeResults, batchOf("kyc-results", [resultEvent(partnerId)]), h.deps);
    expect(h.deliveriesQueue.sent).toHaveLength(1);
    expect(h.deliveriesQueue.sent[0]?.delaySeconds).toBe(5);
  });
});

describe("kyc-deliveries consumer", () => {
  it("retries the message with the delivery's delay, then acknowledges it once delivered", async () => {
    const h = await deliveryHarness({ schedule: [5, 60] });
    const partnerId = h.endpoints.addPartner();
    h.endpoints.addEndpoint(partnerId);
    h.receiver.reply(new Response("", { status: 500 }), new Response("", { status: 500 }));
    await run(consumeResults, batchOf("kyc-results", [resultEvent(partnerId)]), h.deps);
    const deliveryId = (h.deliveriesQueue.sent[0]?.body as { deliveryId: string } | undefined)
      ?.deliveryId as string;

    h.clock.now += 5_000;
    const second = await run(consumeDeliveries, batchOf("kyc-deliveries", [{ deliveryId }]), h.deps);
    // The delay itself (60 s) is asserted on processDelivery; the batch result reports the retry.
    expect(second.retryMessages.map((m) => m.msgId)).toEqual(["msg-0"]);
    expect(second.explicitAcks).toEqual([]);
    h.clock.now += 60_000;
    const third = await run(consumeDeliveries, batchOf("kyc-deliveries", [{ deliveryId }]), h.deps);
    expect(third.explicitAcks).toEqual(["msg-0"]);
    expect(h.receiver.received).toHaveLength(3);
  });

  it("dead-letters a message that is not a delivery reference", async () => {
    const h = await deliveryHarness();
    const result = await run(consumeDeliveries, batchOf("kyc-deliveries", [{ nope: true }]), h.deps);
    expect(result.explicitAcks).toEqual(["msg-0"]);
    expect(h.deadLetterQueue.sent).toHaveLength(1);
  });
});

describe("kyc-results-dlq consumer", () => {
  it("stores dead letters encrypted and lists them; a dead delivery message marks its delivery failed", async () => {
    const h = await deliveryHarness({ schedule: [5] });
    const partnerId = h.endpoints.addPartner();
    h.endpoints.addEndpoint(partnerId);
    h.receiver.reply(new Response("", { status: 500 }));
    await run(
      consumeResults,
      batchOf("kyc-results", [resultEvent(partnerId), { partnerId, secret: "ANNA MARIA" }]),
      h.deps,
    );
    const deliveryId = (h.deliveriesQueue.sent[0]?.body as { deliveryId: string } | undefined)
      ?.deliveryId as string;

    const dlq = batchOf("kyc-results-dlq", [...h.deadLetterQueue.sent.map((s) => s.body), { deliveryId }]);
    const result = await run(consumeDeadLetters, dlq, h.deps);
    expect(result.explicitAcks).toHaveLength(2);

    const stored = await env.DB.prepare("select * from dead_letters").all();
    expect(JSON.stringify(stored.results)).not.toContain("ANNA MARIA");
    const { items } = await listDeadLetters(env, { limit: 10 });
    expect(items.map((i) => i.reason)).toEqual(
      expect.arrayContaining([
        expect.stringContaining("invalid result envelope"),
        expect.stringContaining("exhausted"),
      ]),
    );
    const [row] = await h.deps.db.select().from(deliveries).where(eq(deliveries.id, deliveryId));
    expect(row?.status).toBe("failed");
    expect(await h.deps.db.select().from(deadLetters)).toHaveLength(2);
  });
});

describe("the stranded-delivery sweeper", () => {
  it("re-enqueues a delivery whose message was lost", async () => {
    const h = await deliveryHarness();
    const partnerId = h.endpoints.addPartner();
    // Recorded, but the consumer died before attempting or enqueueing it.
    const outcome = await ingestResult(h.deps, resultEvent(partnerId));
    if (outcome.kind !== "accepted") throw new Error("expected a delivery");
    expect(await sweepStrandedDeliveries(h.deps)).toBe(0);
    h.clock.now += 20 * 60_000;
    expect(await sweepStrandedDeliveries(h.deps)).toBeGreaterThanOrEqual(1);
    const queued = h.deliveriesQueue.sent.map((s) => (s.body as { deliveryId: string }).deliveryId);
    expect(queued).toContain(outcome.deliveryId);
  });
});
