import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { createTestPartner } from "@edgekyc/accounts/testing";
import { createLogger } from "@edgekyc/platform";
import { describe, expect, it } from "vitest";
import { consumeDeliveries, consumeResults } from "../../src/delivery/consumers.ts";
import { gatewayServices } from "../../src/services.ts";
import { countingD1 } from "../support/counting-d1.ts";
import { resultEvent } from "../support/delivery-harness.ts";

/** The gateway's own services over D1 bindings that count round trips to both databases. */
async function countedServices() {
  const counter = { trips: 0 };
  const services = await gatewayServices(
    { ...env, DB: countingD1(env.DB, counter), ACCOUNTS: countingD1(env.ACCOUNTS, counter) },
    createLogger({ app: "webhook-gateway-test" }),
  );
  const received: { eventId: string; leased: unknown }[] = [];
  services.fetcher = async (input, init) => {
    const request = new Request(input, init);
    const eventId = request.headers.get("webhook-id") as string;
    // Read outside the counted binding: the delivery must be leased before its first POST.
    const row = await env.DB.prepare(
      "select d.lease_until as lease from deliveries d join events e on e.id = d.event_row_id where e.event_id = ?",
    )
      .bind(eventId)
      .first<{ lease: number | null }>();
    received.push({ eventId, leased: row?.lease });
    return new Response("ok");
  };
  const aads: string[] = [];
  const decrypt = services.cipher.decryptText.bind(services.cipher);
  services.cipher.decryptText = (ciphertext, aad) => {
    aads.push(aad ?? "");
    return decrypt(ciphertext, aad);
  };
  return { services, counter, received, aads };
}

async function partnerWithEndpoint(services: Awaited<ReturnType<typeof gatewayServices>>) {
  const { partner } = await createTestPartner();
  await services.webhookEndpoints.upsert(partner.id, "test", null, "https://receiver.example.com/hooks");
  return partner.id;
}

function batchOf(queue: string, bodies: unknown[]) {
  return createMessageBatch(
    queue,
    bodies.map((body, i) => ({ id: `msg-${i}`, timestamp: new Date(), attempts: 1, body })),
  );
}

describe("the delivery hot path", () => {
  it("delivers a batch's first attempts in at most 3 D1 round trips each, leased before the POST", async () => {
    const { services, counter, received, aads } = await countedServices();
    const partners = [await partnerWithEndpoint(services), await partnerWithEndpoint(services)];

    // One event alone in its batch: partners and endpoints (1), event + leased delivery (1), attempt (1).
    const single = resultEvent(partners[0] as string);
    counter.trips = 0;
    const one = batchOf("kyc-results", [single]);
    await consumeResults(one, services);
    expect((await getQueueResult(one, createExecutionContext())).explicitAcks).toEqual(["msg-0"]);
    expect(received.map((r) => r.eventId)).toEqual([single.eventId]);
    expect(counter.trips, "D1 round trips for one first-attempt delivery").toBeLessThanOrEqual(3);

    // Ten events of two partners: the partner lookup is shared, and so are the records of the events
    // (one D1 batch) and of their attempts (one or a few, as the receiver's answers arrive).
    const events = Array.from({ length: 10 }, (_, i) => resultEvent(partners[i % 2] as string));
    received.length = 0;
    counter.trips = 0;
    await consumeResults(batchOf("kyc-results", events), services);
    expect(received.map((r) => r.eventId).sort()).toEqual(events.map((e) => e.eventId).sort());
    expect(counter.trips / events.length, "D1 round trips per delivery in a batch of 10").toBeLessThanOrEqual(
      0.5,
    );
    for (const r of received)
      expect(r.leased, `delivery of ${r.eventId} not leased`).toEqual(expect.any(Number));
    // The payload encrypted for storage is never decrypted again for its first attempt.
    expect(aads.filter((aad) => aad.startsWith("webhooks.events."))).toEqual([]);
  });

  it("makes a later attempt in at most 4 round trips (lease and event read together)", async () => {
    const { services, counter, received } = await countedServices();
    const partnerId = await partnerWithEndpoint(services);
    const event = resultEvent(partnerId);
    const fetcher = services.fetcher;
    services.fetcher = async () => new Response("", { status: 503 });
    await consumeResults(batchOf("kyc-results", [event]), services);
    services.fetcher = fetcher;

    const deliveryId = await env.DB.prepare(
      "select d.id from deliveries d join events e on e.id = d.event_row_id where e.event_id = ?",
    )
      .bind(event.eventId)
      .first<string>("id");
    await env.DB.prepare("update deliveries set next_attempt_at = 0 where id = ?").bind(deliveryId).run();
    counter.trips = 0;
    await consumeDeliveries(batchOf("kyc-deliveries", [{ deliveryId }]), services);
    expect(received.map((r) => r.eventId)).toEqual([event.eventId]);
    // Claim + event (1), endpoint and its secrets (2), the attempt's record (1).
    expect(counter.trips).toBeLessThanOrEqual(4);
  });
});
