import { env } from "cloudflare:workers";
import { hmacSha256, putEncrypted, sha256Hex, toHex } from "@edgekyc/platform";
import { eq } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { deliveries, deliveryAttempts, events } from "../../src/db/schema.ts";
import { processDelivery } from "../../src/delivery/deliver.ts";
import { ingestResult } from "../../src/delivery/ingest.ts";
import { deliveryHarness, randomSecret, resultEvent } from "../support/delivery-harness.ts";

async function accepted(outcome: Awaited<ReturnType<typeof ingestResult>>): Promise<string> {
  expect(outcome.kind, JSON.stringify(outcome)).toBe("accepted");
  return (outcome as { deliveryId: string }).deliveryId;
}

describe("delivering a result event", () => {
  it("POSTs the payload exactly, signed with Standard Webhooks headers that verify", async () => {
    const h = await deliveryHarness();
    const partnerId = h.endpoints.addPartner();
    const endpoint = h.endpoints.addEndpoint(partnerId);
    const event = resultEvent(partnerId);

    const deliveryId = await accepted(await ingestResult(h.deps, event));
    expect(await processDelivery(h.deps, deliveryId)).toEqual({ action: "done" });

    expect(h.receiver.received).toHaveLength(1);
    const [request] = h.receiver.received;
    expect(request?.url).toBe(endpoint.url);
    expect(request?.body).toBe(JSON.stringify(event.payload));
    expect(request?.headers["webhook-id"]).toBe(event.eventId);
    expect(request?.headers["content-type"]).toBe("application/json");
    const verified = new Webhook(endpoint.secrets[0] as string).verify(
      request?.body as string,
      request?.headers as Record<string, string>,
    );
    expect(verified).toEqual(event.payload);

    const [row] = await h.deps.db.select().from(deliveries).where(eq(deliveries.id, deliveryId));
    expect(row).toMatchObject({ status: "succeeded", attemptCount: 1, lastStatusCode: 200, lastError: null });
  });

  it("signs with every valid secret during a rotation, so either verifies", async () => {
    const h = await deliveryHarness();
    const partnerId = h.endpoints.addPartner();
    const [newest, previous] = [randomSecret(), randomSecret()];
    h.endpoints.addEndpoint(partnerId, { secrets: [newest, previous] });
    const deliveryId = await accepted(await ingestResult(h.deps, resultEvent(partnerId)));
    await processDelivery(h.deps, deliveryId);

    const [request] = h.receiver.received;
    expect(request?.headers["webhook-signature"]?.split(" ")).toHaveLength(2);
    for (const secret of [newest, previous]) {
      expect(() =>
        new Webhook(secret).verify(request?.body as string, request?.headers as Record<string, string>),
      ).not.toThrow();
    }
  });

  it("adds iDenfy's hex HMAC of the raw body when the envelope asks for it", async () => {
    const h = await deliveryHarness();
    const partnerId = h.endpoints.addPartner();
    const endpoint = h.endpoints.addEndpoint(partnerId, { capability: "poa-additional-steps" });
    const event = resultEvent(partnerId, {
      capability: "poa-additional-steps",
      type: "poa.verification.finished",
      signatures: ["idenfy"],
      payload: {
        final: true,
        status: { overall: "APPROVED" },
        scanRef: "10bb0ade-4784-11ec-a167-02476f3f1509",
      },
    });
    await processDelivery(h.deps, await accepted(await ingestResult(h.deps, event)));

    const [request] = h.receiver.received;
    const expected = toHex(await hmacSha256(endpoint.secrets[0] as string, request?.body as string));
    expect(request?.headers["idenfy-signature"]).toBe(expected);
  });

  it("routes to the capability's endpoint before the default one", async () => {
    const h = await deliveryHarness();
    const partnerId = h.endpoints.addPartner();
    h.endpoints.addEndpoint(partnerId, { url: "https://default.example.com/hook" });
    h.endpoints.addEndpoint(partnerId, { url: "https://nfc.example.com/hook", capability: "nfc-session" });
    h.endpoints.addEndpoint(partnerId, {
      url: "https://live.example.com/hook",
      mode: "live",
      capability: "nfc-session",
    });
    await processDelivery(h.deps, await accepted(await ingestResult(h.deps, resultEvent(partnerId))));
    await processDelivery(
      h.deps,
      await accepted(
        await ingestResult(
          h.deps,
          resultEvent(partnerId, { capability: "ekyc-otp-pennydrop", type: "ekyc.otp.validated" }),
        ),
      ),
    );
    expect(h.receiver.received.map((r) => r.url)).toEqual([
      "https://nfc.example.com/hook",
      "https://default.example.com/hook",
    ]);
  });

  it("uses the session's webhook URL override, signed with the endpoint's secret", async () => {
    const h = await deliveryHarness();
    const partnerId = h.endpoints.addPartner();
    const endpoint = h.endpoints.addEndpoint(partnerId);
    const event = resultEvent(partnerId, { webhookUrl: "https://override.example.org/mywebhook?t=abc" });
    await processDelivery(h.deps, await accepted(await ingestResult(h.deps, event)));
    const [request] = h.receiver.received;
    expect(request?.url).toBe("https://override.example.org/mywebhook?t=abc");
    expect(() =>
      new Webhook(endpoint.secrets[0] as string).verify(
        request?.body as string,
        request?.headers as Record<string, string>,
      ),
    ).not.toThrow();
  });

  it("reads a large payload from its encrypted R2 object", async () => {
    const h = await deliveryHarness();
    const partnerId = h.endpoints.addPartner();
    h.endpoints.addEndpoint(partnerId);
    const payload = JSON.stringify({ result: "Ok", selfie_image: "A".repeat(200_000) });
    const bytes = new TextEncoder().encode(payload);
    const r2Key = `partners/${partnerId}/nfc-session/sess1/webhook-payload.json`;
    await putEncrypted(env.UPLOADS, h.deps.cipher, r2Key, bytes, { contentType: "application/json" });
    const event = resultEvent(partnerId, {
      payload: undefined,
      payloadRef: { r2Key, sha256: await sha256Hex(bytes) },
    });

    await processDelivery(h.deps, await accepted(await ingestResult(h.deps, event)));
    expect(h.receiver.received[0]?.body).toBe(payload);
  });

  it("keeps the payload and the receiver's answer encrypted at rest", async () => {
    const h = await deliveryHarness();
    const partnerId = h.endpoints.addPartner();
    h.endpoints.addEndpoint(partnerId);
    h.receiver.reply(new Response(`thanks ANNA MARIA ERIKSSON ${"x".repeat(4000)}`));
    const deliveryId = await accepted(await ingestResult(h.deps, resultEvent(partnerId)));
    await processDelivery(h.deps, deliveryId);

    const raw = JSON.stringify([
      await env.DB.prepare("select * from events").all(),
      await env.DB.prepare("select * from delivery_attempts").all(),
    ]);
    expect(raw).not.toContain("ANNA MARIA");
    const [attempt] = await h.deps.db
      .select()
      .from(deliveryAttempts)
      .where(eq(deliveryAttempts.deliveryId, deliveryId));
    expect(attempt?.responseTruncated).toBe(true);
    const [event] = await h.deps.db.select().from(events);
    expect(event?.payloadCiphertext).toMatch(/^v1\./);
  });
});
