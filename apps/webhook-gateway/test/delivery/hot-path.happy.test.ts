import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { createTestPartner } from "@edgekyc/accounts/testing";
import { createLogger } from "@edgekyc/platform";
import { describe, expect, it } from "vitest";
import { consumeDeliveries, consumeResults } from "../../src/delivery/consumers.ts";
import { gatewayServices } from "../../src/services.ts";
import { resultEvent } from "../support/delivery-harness.ts";

/**
 * A D1 binding that counts round trips: every statement run on its own (first/all/run/raw) and every
 * batch is one trip to the database, however many statements it carries.
 */
function countingD1(db: D1Database, counter: { trips: number }): D1Database {
  const unwrapped = new WeakMap<object, D1PreparedStatement>();
  const statement = (stmt: D1PreparedStatement): D1PreparedStatement => {
    const proxy = new Proxy(stmt, {
      get(target, prop) {
        if (prop === "bind") return (...values: unknown[]) => statement(target.bind(...values));
        if (prop === "first" || prop === "all" || prop === "run" || prop === "raw") {
          return (...args: unknown[]) => {
            counter.trips++;
            return (target[prop] as (...a: unknown[]) => unknown).apply(target, args);
          };
        }
        const value = Reflect.get(target, prop, target);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    unwrapped.set(proxy, stmt);
    return proxy;
  };
  return new Proxy(db, {
    get(target, prop) {
      if (prop === "prepare") return (query: string) => statement(target.prepare(query));
      if (prop === "batch") {
        return (statements: D1PreparedStatement[]) => {
          counter.trips++;
          return target.batch(statements.map((s) => unwrapped.get(s) ?? s));
        };
      }
      if (prop === "exec") {
        return (query: string) => {
          counter.trips++;
          return target.exec(query);
        };
      }
      const value = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

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

    // Ten events of two partners: the partner lookup is shared, each delivery costs two more.
    const events = Array.from({ length: 10 }, (_, i) => resultEvent(partners[i % 2] as string));
    received.length = 0;
    counter.trips = 0;
    await consumeResults(batchOf("kyc-results", events), services);
    expect(received.map((r) => r.eventId).sort()).toEqual(events.map((e) => e.eventId).sort());
    expect(counter.trips / events.length, "D1 round trips per delivery in a batch of 10").toBeLessThanOrEqual(
      2.1,
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
