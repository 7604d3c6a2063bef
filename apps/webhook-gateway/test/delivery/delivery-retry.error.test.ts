import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { deliveries, deliveryAttempts } from "../../src/db/schema.ts";
import { findStrandedDeliveries, processDelivery } from "../../src/delivery/deliver.ts";
import { ingestResult } from "../../src/delivery/ingest.ts";
import { deliveryHarness, type Harness, resultEvent } from "../support/delivery-harness.ts";

async function newDelivery(h: Harness, options: { url?: string } = {}) {
  const partnerId = h.endpoints.addPartner();
  const endpoint = h.endpoints.addEndpoint(partnerId, options);
  const outcome = await ingestResult(h.deps, resultEvent(partnerId));
  if (outcome.kind !== "accepted") throw new Error(JSON.stringify(outcome));
  return { partnerId, endpoint, deliveryId: outcome.deliveryId };
}

async function deliveryRow(h: Harness, id: string) {
  const [row] = await h.deps.db.select().from(deliveries).where(eq(deliveries.id, id));
  return row;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("what an attempt logs", () => {
  it("a failed attempt writes one warning with its outcome; a success writes none (it is in the attempts)", async () => {
    const h = await deliveryHarness({ schedule: [5] });
    const lines: string[] = [];
    for (const level of ["log", "warn", "error"] as const) {
      vi.spyOn(console, level).mockImplementation((line: string) => lines.push(line));
    }
    const { deliveryId } = await newDelivery(h);
    h.receiver.reply(new Response("boom", { status: 500 }), new Response("ok", { status: 200 }));

    await processDelivery(h.deps, deliveryId);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] as string)).toMatchObject({
      level: "warn",
      message: "webhook attempt failed",
      deliveryId,
      attempt: 1,
      outcome: "http_error",
      statusCode: 500,
      status: "retrying",
    });
    expect(lines[0]).not.toContain("boom");

    h.clock.now += 5_000;
    expect(await processDelivery(h.deps, deliveryId)).toEqual({ action: "done" });
    expect(lines).toHaveLength(1);
    expect(await deliveryRow(h, deliveryId)).toMatchObject({ status: "succeeded", attemptCount: 2 });
  });
});

describe("retries", () => {
  it("retries a 5xx on the schedule and fails after the last attempt, recording each", async () => {
    const h = await deliveryHarness({ schedule: [5, 300] });
    const { deliveryId } = await newDelivery(h);
    h.receiver.reply(
      new Response("boom", { status: 500 }),
      new Response("", { status: 502 }),
      new Response("", { status: 503 }),
    );

    expect(await processDelivery(h.deps, deliveryId)).toEqual({ action: "retry", delaySeconds: 5 });
    expect(await deliveryRow(h, deliveryId)).toMatchObject({ status: "retrying", lastStatusCode: 500 });

    // Not due yet: the message comes back later without an attempt.
    h.clock.now += 2_000;
    expect(await processDelivery(h.deps, deliveryId)).toEqual({ action: "retry", delaySeconds: 3 });
    expect(h.receiver.received).toHaveLength(1);

    h.clock.now += 3_000;
    expect(await processDelivery(h.deps, deliveryId)).toEqual({ action: "retry", delaySeconds: 300 });
    h.clock.now += 300_000;
    expect(await processDelivery(h.deps, deliveryId)).toEqual({ action: "done" });

    const row = await deliveryRow(h, deliveryId);
    expect(row).toMatchObject({ status: "failed", attemptCount: 3, lastStatusCode: 503 });
    expect(row?.lastError).toContain("all 3 attempts failed");
    const attempts = await h.deps.db
      .select()
      .from(deliveryAttempts)
      .where(eq(deliveryAttempts.deliveryId, deliveryId));
    expect(attempts.map((a) => [a.number, a.outcome, a.statusCode])).toEqual([
      [1, "http_error", 500],
      [2, "http_error", 502],
      [3, "http_error", 503],
    ]);
    // Further messages for a failed delivery do nothing.
    expect(await processDelivery(h.deps, deliveryId)).toEqual({ action: "done" });
    expect(h.receiver.received).toHaveLength(3);
  });

  it("treats a timeout and a refused connection as retryable failures", async () => {
    const h = await deliveryHarness({ schedule: [5, 5], timeoutMs: 50 });
    const { deliveryId } = await newDelivery(h);
    h.receiver.reply("timeout", "network-error");

    expect(await processDelivery(h.deps, deliveryId)).toMatchObject({ action: "retry" });
    h.clock.now += 5_000;
    expect(await processDelivery(h.deps, deliveryId)).toMatchObject({ action: "retry" });
    const attempts = await h.deps.db
      .select()
      .from(deliveryAttempts)
      .where(eq(deliveryAttempts.deliveryId, deliveryId));
    expect(attempts.map((a) => a.outcome)).toEqual(["timeout", "network_error"]);
    expect(attempts[0]?.error).toContain("no response within");
  });

  it("does not count 3xx as success and does not follow the redirect", async () => {
    const h = await deliveryHarness();
    const { deliveryId } = await newDelivery(h);
    h.receiver.reply(
      new Response(null, { status: 302, headers: { location: "http://169.254.169.254/latest/meta-data" } }),
    );
    expect(await processDelivery(h.deps, deliveryId)).toMatchObject({ action: "retry" });
    expect(h.receiver.received).toHaveLength(1);
    expect(await deliveryRow(h, deliveryId)).toMatchObject({ status: "retrying", lastStatusCode: 302 });
  });

  it("honours Retry-After in seconds and as an HTTP date", async () => {
    const h = await deliveryHarness({ schedule: [5, 5, 5] });
    const { deliveryId } = await newDelivery(h);
    h.receiver.reply(
      new Response("", { status: 429, headers: { "retry-after": "120" } }),
      () =>
        new Response("", {
          status: 503,
          headers: { "retry-after": new Date(h.clock.now + 600_000).toUTCString() },
        }),
    );
    expect(await processDelivery(h.deps, deliveryId)).toEqual({ action: "retry", delaySeconds: 120 });
    h.clock.now += 120_000;
    expect(await processDelivery(h.deps, deliveryId)).toEqual({ action: "retry", delaySeconds: 600 });
  });

  it("reaches waits longer than the queue's 12-hour delay cap in several hops", async () => {
    const h = await deliveryHarness({ schedule: [86_400] });
    const { deliveryId } = await newDelivery(h);
    h.receiver.reply(new Response("", { status: 500 }));
    expect(await processDelivery(h.deps, deliveryId)).toEqual({ action: "retry", delaySeconds: 43_200 });
    h.clock.now += 43_200_000;
    expect(await processDelivery(h.deps, deliveryId)).toEqual({ action: "retry", delaySeconds: 43_200 });
    h.clock.now += 43_200_000;
    expect(await processDelivery(h.deps, deliveryId)).toEqual({ action: "done" });
    expect(h.receiver.received).toHaveLength(2);
    expect(await deliveryRow(h, deliveryId)).toMatchObject({ status: "succeeded" });
  });

  it("disables the endpoint on 410 Gone and stops delivering to it", async () => {
    const h = await deliveryHarness();
    const { partnerId, endpoint, deliveryId } = await newDelivery(h);
    h.receiver.reply(new Response("gone", { status: 410 }));
    expect(await processDelivery(h.deps, deliveryId)).toEqual({ action: "done" });
    expect(await deliveryRow(h, deliveryId)).toMatchObject({ status: "failed" });
    expect((await h.endpoints.byId(partnerId, endpoint.id))?.disabled).toBe(true);

    const next = await ingestResult(h.deps, resultEvent(partnerId));
    if (next.kind !== "accepted") throw new Error("expected a new delivery");
    expect(await processDelivery(h.deps, next.deliveryId)).toEqual({ action: "done" });
    expect(h.receiver.received).toHaveLength(1);
    expect((await deliveryRow(h, next.deliveryId))?.lastError).toContain("disabled");
  });

  it("makes exactly one attempt when two consumers process the same delivery at once", async () => {
    const h = await deliveryHarness();
    const { deliveryId } = await newDelivery(h);
    const decisions = await Promise.all([
      processDelivery(h.deps, deliveryId),
      processDelivery(h.deps, deliveryId),
    ]);
    expect(h.receiver.received).toHaveLength(1);
    expect(decisions).toContainEqual({ action: "done" });
  });

  it("fails a delivery with no endpoint at all without an HTTP attempt, visibly", async () => {
    const h = await deliveryHarness();
    const partnerId = h.endpoints.addPartner();
    const outcome = await ingestResult(h.deps, resultEvent(partnerId));
    if (outcome.kind !== "accepted") throw new Error("expected a delivery");
    expect(await processDelivery(h.deps, outcome.deliveryId)).toEqual({ action: "done" });
    const row = await deliveryRow(h, outcome.deliveryId);
    expect(row).toMatchObject({ status: "failed", attemptCount: 1 });
    expect(row?.lastError).toContain("no webhook endpoint is configured for nfc-session in test mode");
    expect(h.receiver.received).toHaveLength(0);
  });

  it("finds deliveries whose queue message was lost", async () => {
    const h = await deliveryHarness();
    const { deliveryId } = await newDelivery(h);
    expect(await findStrandedDeliveries(h.deps.db, h.clock.now, 10)).not.toContain(deliveryId);
    expect(await findStrandedDeliveries(h.deps.db, h.clock.now + 11 * 60_000, 10)).toContain(deliveryId);
  });
});

describe("SSRF guard at delivery time", () => {
  it.each([
    ["http://169.254.169.254/latest/meta-data", "link-local metadata address"],
    ["https://10.0.0.7/hook", "private address"],
    ["https://[::ffff:192.168.1.1]/hook", "IPv4-mapped private address"],
    ["http://localhost:8080/hook", "localhost in production"],
    ["http://localhost.:8080/hook", "localhost with a trailing dot"],
    ["https://[::127.0.0.1]/hook", "IPv4-compatible loopback"],
  ])("refuses %s (%s) without sending anything", async (url) => {
    const h = await deliveryHarness({ environment: "production" });
    const { deliveryId } = await newDelivery(h, { url });
    expect(await processDelivery(h.deps, deliveryId)).toEqual({ action: "done" });
    expect(h.receiver.received).toHaveLength(0);
    const row = await deliveryRow(h, deliveryId);
    expect(row?.status).toBe("failed");
    expect(row?.lastError).toContain("refused");
  });

  it("refuses a session override URL that targets a private network", async () => {
    const h = await deliveryHarness();
    const partnerId = h.endpoints.addPartner();
    h.endpoints.addEndpoint(partnerId);
    const outcome = await ingestResult(
      h.deps,
      resultEvent(partnerId, { webhookUrl: "http://192.168.0.10/internal" }),
    );
    if (outcome.kind !== "accepted") throw new Error("expected a delivery");
    await processDelivery(h.deps, outcome.deliveryId);
    expect(h.receiver.received).toHaveLength(0);
  });

  it.each([
    "https://metadata.google.internal./computeMetadata/v1/",
    "https://localhost%2e/",
    "https://[::10.0.0.1]/",
  ])("refuses a session override URL spelled to slip past the guard: %s", async (webhookUrl) => {
    const h = await deliveryHarness({ environment: "production" });
    const partnerId = h.endpoints.addPartner();
    h.endpoints.addEndpoint(partnerId);
    const outcome = await ingestResult(h.deps, resultEvent(partnerId, { webhookUrl }));
    if (outcome.kind !== "accepted") throw new Error("expected a delivery");
    await processDelivery(h.deps, outcome.deliveryId);
    expect(h.receiver.received).toHaveLength(0);
    expect((await deliveryRow(h, outcome.deliveryId))?.lastError).toContain("refused");
  });
});
