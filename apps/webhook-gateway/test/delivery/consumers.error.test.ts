import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import type { ResultEvent } from "@edgekyc/schemas";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { deadLetters, deliveries } from "../../src/db/schema.ts";
import {
  type ConsumerDeps,
  consumeDeliveries,
  consumeResults,
  MAX_UNEXPECTED_FAILURES,
} from "../../src/delivery/consumers.ts";
import { ingestResult } from "../../src/delivery/ingest.ts";
import type { SlowLane } from "../../src/delivery/slow-lane.ts";
import { deliveryHarness, resultEvent } from "../support/delivery-harness.ts";

function batchOf(queue: string, bodies: unknown[], attempts = 1) {
  return createMessageBatch(
    queue,
    bodies.map((body, i) => ({ id: `msg-${i}`, timestamp: new Date(), attempts, body })),
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

function nested(depth: number): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  let current = root;
  for (let level = 1; level < depth; level++) {
    const child: Record<string, unknown> = {};
    current.a = child;
    current = child;
  }
  return root;
}

describe("kyc-results consumer contains per-message failures", () => {
  it("dead-letters deeply nested payloads with their reason and delivers the rest of the batch", async () => {
    const h = await deliveryHarness();
    const partnerId = h.endpoints.addPartner();
    h.endpoints.addEndpoint(partnerId);
    const good = resultEvent(partnerId);
    const batch = batchOf("kyc-results", [
      resultEvent(partnerId, { payload: nested(1000) as ResultEvent["payload"] }),
      good,
      // 5000 levels overflow the test pool's own message cloning (createMessageBatch), before the consumer runs.
      resultEvent(partnerId, { payload: nested(2000) as ResultEvent["payload"] }),
    ]);
    const result = await run(consumeResults, batch, h.deps);
    expect(result.explicitAcks.sort()).toEqual(["msg-0", "msg-1", "msg-2"]);
    expect(result.retryMessages).toEqual([]);
    expect(h.receiver.received.map((r) => r.headers["webhook-id"])).toEqual([good.eventId]);
    const letters = h.deadLetterQueue.sent.map((s) => s.body as { reason: string; eventId: string });
    expect(letters).toHaveLength(2);
    for (const letter of letters) expect(letter.reason).toContain("nested more than 64 levels");
  });

  it("stores the dead letter in D1 itself when the dead-letter queue refuses it", async () => {
    const h = await deliveryHarness();
    const partnerId = h.endpoints.addPartner();
    const event = resultEvent(partnerId, { occurredAt: "never" as never });
    h.deps.deadLetterQueue = {
      send: async () => {
        throw new Error("queue unavailable");
      },
    } as unknown as Queue;
    const result = await run(consumeResults, batchOf("kyc-results", [event]), h.deps);
    expect(result.explicitAcks).toEqual(["msg-0"]);
    const stored = await h.deps.db.select().from(deadLetters).where(eq(deadLetters.eventId, event.eventId));
    expect(stored).toHaveLength(1);
    expect(stored[0]?.reason).toContain("occurredAt");
  });

  it("retries an unexpected failure, then records it as a dead letter with the error", async () => {
    const h = await deliveryHarness();
    const partnerId = h.endpoints.addPartner();
    h.endpoints.forPartners = async () => {
      throw new RangeError("Maximum call stack size exceeded");
    };
    const event = resultEvent(partnerId);
    const early = await run(consumeResults, batchOf("kyc-results", [event], 1), h.deps);
    expect(early.retryMessages.map((m) => m.msgId)).toEqual(["msg-0"]);
    expect(h.deadLetterQueue.sent).toHaveLength(0);

    const last = await run(consumeResults, batchOf("kyc-results", [event], MAX_UNEXPECTED_FAILURES), h.deps);
    expect(last.explicitAcks).toEqual(["msg-0"]);
    const letter = h.deadLetterQueue.sent[0]?.body as { reason: string; eventId: string };
    expect(letter.eventId).toBe(event.eventId);
    expect(letter.reason).toContain("Maximum call stack size exceeded");
  });
});

describe("kyc-deliveries consumer contains per-message failures", () => {
  it("after repeated unexpected failures marks the delivery failed (replayable) and dead-letters the message", async () => {
    const h = await deliveryHarness();
    const partnerId = h.endpoints.addPartner();
    h.endpoints.addEndpoint(partnerId);
    const outcome = await ingestResult(h.deps, resultEvent(partnerId));
    if (outcome.kind !== "accepted") throw new Error("expected a delivery");
    h.endpoints.resolve = async () => {
      throw new Error("directory unavailable");
    };
    const batch = batchOf("kyc-deliveries", [{ deliveryId: outcome.deliveryId }], MAX_UNEXPECTED_FAILURES);
    const result = await run(consumeDeliveries, batch, h.deps);
    expect(result.explicitAcks).toEqual(["msg-0"]);
    const [row] = await h.deps.db.select().from(deliveries).where(eq(deliveries.id, outcome.deliveryId));
    expect(row?.status).toBe("failed");
    expect(row?.lastError).toContain("directory unavailable");
    const letter = h.deadLetterQueue.sent[0]?.body as { reason: string } | undefined;
    expect(letter?.reason).toContain("directory unavailable");
  });
});

describe("a hanging receiver", () => {
  /** A harness whose receiver at hanging.example.com never answers while `hang` is set. */
  async function hangingSetup() {
    const h = await deliveryHarness({ timeoutMs: 1500, schedule: [5] });
    const state = { hang: true, open: 0 };
    const received: { url: string; at: number }[] = [];
    h.deps.fetcher = async (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      received.push({ url, at: Date.now() });
      if (!url.includes("hanging") || !state.hang) return new Response("ok");
      state.open++;
      return new Promise<Response>((_, reject) => {
        init?.signal?.addEventListener("abort", () => {
          state.open--;
          reject(init.signal?.reason);
        });
      });
    };
    const background: Promise<unknown>[] = [];
    h.deps.waitUntil = (promise) => background.push(promise);
    const slow = h.endpoints.addPartner();
    h.endpoints.addEndpoint(slow, { url: "https://hanging.example.com/hooks" });
    const others = [h.endpoints.addPartner(), h.endpoints.addPartner()];
    for (const partnerId of others) h.endpoints.addEndpoint(partnerId);
    return { h, state, received, background, slow, others };
  }

  it("delays other partners' next deliveries by under a second, by their receipt times, and still records its attempt", async () => {
    const { h, state, received, background, slow, others } = await hangingSetup();
    // The queue hands the consumer one batch after another: the hanging partner's, then the others'.
    const othersArriveAfter = async () => {
      received.length = 0;
      const started = Date.now();
      const first = await run(consumeResults, batchOf("kyc-results", [resultEvent(slow)]), h.deps);
      const second = await run(
        consumeResults,
        batchOf(
          "kyc-results",
          others.map((partnerId) => resultEvent(partnerId)),
        ),
        h.deps,
      );
      expect(first.explicitAcks).toEqual(["msg-0"]);
      expect(second.explicitAcks.sort()).toEqual(["msg-0", "msg-1"]);
      const fast = received.filter((r) => !r.url.includes("hanging"));
      expect(fast).toHaveLength(2);
      return Math.max(...fast.map((r) => r.at - started));
    };
    state.hang = false;
    const answering = await othersArriveAfter();
    state.hang = true;
    const hanging = await othersArriveAfter();
    expect(hanging - answering, "extra wait of other partners behind a hanging receiver (ms)").toBeLessThan(
      1000,
    );

    // The hanging attempt ends with its own timeout and schedules its retry itself.
    await Promise.all(background);
    const rows = await h.deps.db.select().from(deliveries).where(eq(deliveries.partnerId, slow));
    const retrying = rows.filter((row) => row.status === "retrying");
    expect(retrying).toHaveLength(1);
    expect(h.deliveriesQueue.sent).toEqual([{ body: { deliveryId: retrying[0]?.id }, delaySeconds: 5 }]);
  });

  it("sends a receiver that keeps timing out to the slow lane: its message is acknowledged without waiting", async () => {
    const { h, state, background, slow } = await hangingSetup();
    // No inline budget to speak of: only the slow lane can release the batch before the attempt ends.
    h.deps.inlineBudgetMs = 60_000;
    const lane = h.deps.slowLane as SlowLane;
    expect(lane.isSlow("https://hanging.example.com", Date.now())).toBe(false);
    lane.record("https://hanging.example.com", "timeout", Date.now());
    lane.record("https://hanging.example.com", "timeout", Date.now());

    const result = await run(consumeResults, batchOf("kyc-results", [resultEvent(slow)]), h.deps);
    expect(result.explicitAcks).toEqual(["msg-0"]);
    expect(state.open, "the batch returned while its attempt was still waiting").toBe(1);
    await Promise.all(background);
    expect(state.open).toBe(0);
    const [row] = await h.deps.db.select().from(deliveries).where(eq(deliveries.partnerId, slow));
    expect(row?.status).toBe("retrying");
    expect(row?.lastError).toContain("no response");
    // An answer, even an error, takes the origin out of the slow lane.
    lane.record("https://hanging.example.com", "http_error", Date.now());
    expect(lane.isSlow("https://hanging.example.com", Date.now())).toBe(false);
  });
});
