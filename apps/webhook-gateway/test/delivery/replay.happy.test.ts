import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { deliveries } from "../../src/db/schema.ts";
import { processDelivery } from "../../src/delivery/deliver.ts";
import { ingestResult } from "../../src/delivery/ingest.ts";
import { reopenDeliveriesSince, reopenDelivery } from "../../src/delivery/replay.ts";
import { deliveryHarness, type Harness, resultEvent } from "../support/delivery-harness.ts";

async function failedDelivery(h: Harness, partnerId: string) {
  h.receiver.reply(new Response("", { status: 500 }));
  const outcome = await ingestResult(h.deps, resultEvent(partnerId));
  if (outcome.kind !== "accepted") throw new Error("expected a delivery");
  await processDelivery(h.deps, outcome.deliveryId);
  return outcome.deliveryId;
}

describe("replay", () => {
  it("reopens a failed delivery with a fresh schedule and the same webhook-id", async () => {
    const h = await deliveryHarness({ schedule: [] });
    const partnerId = h.endpoints.addPartner();
    h.endpoints.addEndpoint(partnerId);
    const deliveryId = await failedDelivery(h, partnerId);

    expect(await reopenDelivery(h.deps.db, { partnerId, mode: "test" }, deliveryId, h.clock.now)).toEqual({
      ok: true,
    });
    expect(await processDelivery(h.deps, deliveryId)).toEqual({ action: "done" });
    const [first, second] = h.receiver.received;
    expect(second?.headers["webhook-id"]).toBe(first?.headers["webhook-id"]);
    const [row] = await h.deps.db.select().from(deliveries).where(eq(deliveries.id, deliveryId));
    expect(row).toMatchObject({ status: "succeeded", attemptCount: 2, replayCount: 1 });
  });

  it("sends a succeeded delivery again when asked, but refuses one still in flight", async () => {
    const h = await deliveryHarness({ schedule: [60] });
    const partnerId = h.endpoints.addPartner();
    h.endpoints.addEndpoint(partnerId);
    const outcome = await ingestResult(h.deps, resultEvent(partnerId));
    if (outcome.kind !== "accepted") throw new Error("expected a delivery");
    expect(
      await reopenDelivery(h.deps.db, { partnerId, mode: "test" }, outcome.deliveryId, h.clock.now),
    ).toEqual({
      ok: false,
      reason: "in_flight",
    });
    await processDelivery(h.deps, outcome.deliveryId);
    expect(
      await reopenDelivery(h.deps.db, { partnerId, mode: "test" }, outcome.deliveryId, h.clock.now),
    ).toEqual({ ok: true });
    await processDelivery(h.deps, outcome.deliveryId);
    expect(h.receiver.received).toHaveLength(2);
  });

  it("reopens a retrying delivery whose due time long passed (its queue message was lost), not one just due", async () => {
    const h = await deliveryHarness({ schedule: [5, 5] });
    const partnerId = h.endpoints.addPartner();
    h.endpoints.addEndpoint(partnerId);
    const deliveryId = await failedDelivery(h, partnerId);
    const [row] = await h.deps.db.select().from(deliveries).where(eq(deliveries.id, deliveryId));
    expect(row?.status).toBe("retrying");
    const scope = { partnerId, mode: "test" as const };
    const due = row?.nextAttemptAt as number;
    expect(await reopenDelivery(h.deps.db, scope, deliveryId, due + 1000)).toEqual({
      ok: false,
      reason: "in_flight",
    });
    expect(await reopenDelivery(h.deps.db, scope, deliveryId, due + 10 * 60_000)).toEqual({ ok: true });
    h.clock.now = due + 10 * 60_000;
    expect(await processDelivery(h.deps, deliveryId)).toEqual({ action: "done" });
    expect(h.receiver.received).toHaveLength(2);
  });

  it("does not reveal or reopen another partner's delivery, or the same partner's in the other mode", async () => {
    const h = await deliveryHarness({ schedule: [] });
    const owner = h.endpoints.addPartner();
    const intruder = h.endpoints.addPartner();
    h.endpoints.addEndpoint(owner);
    const deliveryId = await failedDelivery(h, owner);
    expect(
      await reopenDelivery(h.deps.db, { partnerId: intruder, mode: "test" }, deliveryId, h.clock.now),
    ).toEqual({
      ok: false,
      reason: "not_found",
    });
    expect(
      await reopenDelivery(h.deps.db, { partnerId: owner, mode: "live" }, deliveryId, h.clock.now),
    ).toEqual({
      ok: false,
      reason: "not_found",
    });
  });

  it("reopens every failed delivery since a time, and only those", async () => {
    const h = await deliveryHarness({ schedule: [] });
    const partnerId = h.endpoints.addPartner();
    h.endpoints.addEndpoint(partnerId);
    const old = await failedDelivery(h, partnerId);
    h.clock.now += 3_600_000;
    const since = h.clock.now;
    const recent = [await failedDelivery(h, partnerId), await failedDelivery(h, partnerId)];
    const ok = await ingestResult(h.deps, resultEvent(partnerId));
    if (ok.kind !== "accepted") throw new Error("expected a delivery");
    await processDelivery(h.deps, ok.deliveryId);

    const { ids, more } = await reopenDeliveriesSince(
      h.deps.db,
      { partnerId, mode: "test" },
      { since, status: "failed" },
      h.clock.now,
    );
    expect(ids.sort()).toEqual([...recent].sort());
    expect(ids).not.toContain(old);
    expect(more).toBe(false);
  });
});

describe("erasure", () => {
  it("erases an event's payload, session URL and receivers' answers, and stops its pending delivery", async () => {
    const { eraseEvent, purgeExpiredPayloads } = await import("../../src/delivery/erasure.ts");
    const { env } = await import("cloudflare:workers");
    const h = await deliveryHarness({ schedule: [60] });
    const partnerId = h.endpoints.addPartner();
    h.endpoints.addEndpoint(partnerId);
    h.receiver.reply(new Response("echo ANNA", { status: 500 }));
    const event = resultEvent(partnerId, { webhookUrl: "https://hooks.example.com/x?token=secret" });
    const outcome = await ingestResult(h.deps, event);
    if (outcome.kind !== "accepted") throw new Error("expected a delivery");
    await processDelivery(h.deps, outcome.deliveryId);

    expect(
      await eraseEvent(h.deps.db, h.deps.uploads, { partnerId, mode: "live" }, event.eventId, h.clock.now),
    ).toBe(false);
    expect(
      await eraseEvent(h.deps.db, h.deps.uploads, { partnerId, mode: "test" }, event.eventId, h.clock.now),
    ).toBe(true);
    const stored = await env.DB.prepare(
      "select e.payload_ciphertext, e.webhook_url_ciphertext, a.response_ciphertext, d.status from events e join deliveries d on d.event_row_id = e.id join delivery_attempts a on a.delivery_id = d.id where d.id = ?",
    )
      .bind(outcome.deliveryId)
      .first();
    expect(stored).toEqual({
      payload_ciphertext: null,
      webhook_url_ciphertext: null,
      response_ciphertext: null,
      status: "failed",
    });
    h.clock.now += 60_000;
    expect(await processDelivery(h.deps, outcome.deliveryId)).toEqual({ action: "done" });
    expect(h.receiver.received).toHaveLength(1);

    // Retention: a finished delivery's payload goes once it is older than the cut-off.
    const kept = await ingestResult(h.deps, resultEvent(partnerId));
    if (kept.kind !== "accepted") throw new Error("expected a delivery");
    await processDelivery(h.deps, kept.deliveryId);
    const payloadOf = () =>
      env.DB.prepare(
        "select e.payload_ciphertext as p from events e join deliveries d on d.event_row_id = e.id where d.id = ?",
      )
        .bind(kept.deliveryId)
        .first<{ p: string | null }>();
    await purgeExpiredPayloads(h.deps.db, h.deps.uploads, h.clock.now - 1, h.clock.now);
    expect((await payloadOf())?.p).toMatch(/^v1\./);
    await purgeExpiredPayloads(h.deps.db, h.deps.uploads, h.clock.now + 1, h.clock.now, 10_000);
    expect((await payloadOf())?.p).toBeNull();
  });
});
