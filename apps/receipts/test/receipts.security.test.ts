import { exports } from "cloudflare:workers";
import { createTestPartner, runDialectAuthTests } from "@edgekyc/accounts/testing";
import { presentReceipt } from "@edgekyc/receipts";
import { eq } from "drizzle-orm";
import { exportJWK, generateKeyPair } from "jose";
import { describe, expect, it } from "vitest";
import { deadLetters, receipts } from "../src/db/schema.ts";
import {
  call,
  harness,
  independentVerifier,
  issueAndFetch,
  issueRequest,
  partnerHeaders,
} from "./support/receipts-harness.ts";

runDialectAuthTests(
  "edgekyc",
  ({ headers }) =>
    new Request("https://kyc.test/receipts/v1/receipts/rcp_01kbz3c6q4y8w2m5n7p9r1t3v5/status", { headers }),
  {
    send: (request) => exports.default.fetch(request),
  },
);

describe("receipts API", () => {
  it("hands a receipt out once; the second fetch is 410 and the metadata stays", async () => {
    const h = await harness();
    const partner = await createTestPartner();
    const { receiptId } = await issueAndFetch(h, partner);
    const headers = await partnerHeaders(partner);
    const again = await call(`/receipts/v1/receipts/${receiptId}`, { headers });
    expect(again.status, await again.clone().text()).toBe(410);
    expect(await again.json()).toMatchObject({
      status: 410,
      code: "gone",
      detail: expect.stringContaining("already fetched"),
    });
    const status = await call(`/receipts/v1/receipts/${receiptId}/status`, { headers });
    expect(await status.json()).toMatchObject({
      id: receiptId,
      status: "valid",
      retrievable: false,
      fetchedAt: expect.any(String),
    });
  });

  it("another partner's receipt is not found, for fetch, status and revoke", async () => {
    const h = await harness();
    const owner = await createTestPartner();
    const other = await createTestPartner();
    const request = issueRequest(owner.partner.id);
    await h.deliver([request]);
    const [event] = h.issuedEvents();
    const receiptId = (event?.payload as { receiptId: string } | undefined)?.receiptId as string;
    const headers = await partnerHeaders(other);
    for (const [path, method] of [
      ["", "GET"],
      ["/status", "GET"],
      ["/revoke", "POST"],
    ] as const) {
      const res = await call(`/receipts/v1/receipts/${receiptId}${path}`, { method, headers });
      expect(res.status, await res.text()).toBe(404);
    }
    const own = await call(`/receipts/v1/receipts/${receiptId}/status`, {
      headers: await partnerHeaders(owner),
    });
    expect(await own.json()).toMatchObject({ status: "valid", retrievable: true });
  });

  it("refuses malformed receipt ids with 400", async () => {
    const partner = await createTestPartner();
    const res = await call("/receipts/v1/receipts/not-an-id", { headers: await partnerHeaders(partner) });
    expect(res.status, await res.clone().text()).toBe(400);
  });

  it("a holder-bound receipt presented without the holder's key binding fails; with it, it verifies", async () => {
    const h = await harness();
    const partner = await createTestPartner();
    const { privateKey, publicKey } = await generateKeyPair("ES256", { extractable: true });
    const { kty, crv, x, y } = await exportJWK(publicKey);
    const { sdJwt } = await issueAndFetch(h, partner, {
      holderKey: { kty: "EC", crv: "P-256", x: x as string, y: y as string },
    });
    expect(kty).toBe("EC");
    expect(crv).toBe("P-256");
    const verifier = await independentVerifier();
    const unbound = await presentReceipt(sdJwt, { disclose: ["age_over_18"] });
    await expect(verifier.verify(unbound, { keyBindingNonce: "n-1" })).rejects.toThrow(
      /Key Binding JWT not exist/,
    );
    const bound = await presentReceipt(sdJwt, {
      disclose: ["age_over_18"],
      holderKey: await exportJWK(privateKey),
      audience: "https://bank.example",
      nonce: "n-1",
    });
    const verified = await verifier.verify(bound, { keyBindingNonce: "n-1" });
    expect(verified.kb?.payload.aud).toBe("https://bank.example");
  });
});

describe("kyc-receipts consumer: messages that can never succeed", () => {
  it("dead-letters a malformed message with its reason, records it encrypted, and handles the rest of the batch", async () => {
    const h = await harness();
    const partner = await createTestPartner();
    const good = issueRequest(partner.partner.id);
    const bad = { ...issueRequest(partner.partner.id), outcome: "maybe", disclosable: { iss: "x" } };
    const result = await h.deliver([bad, good, "not json object"]);
    expect(result.explicitAcks.sort()).toEqual(["m1-0", "m1-1", "m1-2"]);
    expect(result.retryMessages).toEqual([]);
    expect(h.issuedEvents()).toHaveLength(1);
    const reasons = h.deadLetters.sent.map((letter) => (letter as { reason: string }).reason);
    expect(reasons[0]).toMatch(/outcome: .*passed.*failed/);
    expect(reasons[0]).toMatch(/disclosable\.iss: iss is set by the issuer/);

    await h.drainDeadLetters();
    const rows = await h.services.db
      .select()
      .from(deadLetters)
      .where(eq(deadLetters.subjectRef, bad.subjectRef));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.reason).toMatch(/invalid receipt request/);
    expect(rows[0]?.bodyCiphertext).not.toContain("DE VRIES");
  });

  it("dead-letters a request whose claims collide with the receipt's own", async () => {
    const h = await harness();
    const partner = await createTestPartner();
    const request = issueRequest(partner.partner.id, { claims: { outcome: "forged" } });
    await h.deliver([request]);
    // Refused by the queue message's schema already (packages/receipts would refuse it again on signing).
    expect((h.deadLetters.sent[0] as { reason: string }).reason).toBe(
      "invalid receipt request: claims.outcome: outcome is set by the issuer",
    );
    expect(
      await h.services.db.select().from(receipts).where(eq(receipts.subjectRef, request.subjectRef)),
    ).toEqual([]);
  });

  it("retries transient failures with backoff, and records what exhausted its retries", async () => {
    const h = await harness();
    const partner = await createTestPartner();
    const failing = {
      ...h.services.results,
      send: async () => Promise.reject(new Error("queue unavailable")),
    };
    h.services.results = failing as unknown as Queue;
    const request = issueRequest(partner.partner.id);
    const result = await h.deliver([request], 3);
    expect(result.retryMessages.map((message) => message.msgId)).toEqual(["m1-0"]);
    // The receipt was signed and stored; the redelivery only announces it.
    const rows = await h.services.db
      .select()
      .from(receipts)
      .where(eq(receipts.subjectRef, request.subjectRef));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.announcedAt).toBeNull();

    h.deadLetters.sent.push(request);
    await h.drainDeadLetters();
    const [letter] = await h.services.db
      .select()
      .from(deadLetters)
      .where(eq(deadLetters.subjectRef, request.subjectRef));
    expect(letter?.reason).toMatch(/exhausted its retries/);
  });
});
