import { createTestPartner } from "@edgekyc/accounts/testing";
import { presentReceipt } from "@edgekyc/receipts";
import { ResultEventEnvelope } from "@edgekyc/schemas";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { receipts } from "../src/db/schema.ts";
import {
  call,
  harness,
  independentVerifier,
  issueAndFetch,
  issueRequest,
  ORIGIN,
  partnerHeaders,
} from "./support/receipts-harness.ts";

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

describe("issuing from the kyc-receipts queue", () => {
  it("signs a receipt @sd-jwt/sd-jwt-vc verifies, announces it with its hash, and keeps only hash and status", async () => {
    const h = await harness();
    const partner = await createTestPartner();
    const { receiptId, sdJwt, event } = await issueAndFetch(h, partner);

    expect(ResultEventEnvelope.safeParse(event).success).toBe(true);
    expect(event).toMatchObject({
      type: "receipt.issued",
      capability: "nfc-session",
      partnerId: partner.partner.id,
    });
    expect(event.payload).toMatchObject({
      receiptId,
      partnerReference: "order-42",
      vct: `${ORIGIN}/receipts/vct/nfc-session/v1`,
      sha256: await sha256Hex(sdJwt),
      fetchUrl: `${ORIGIN}/receipts/v1/receipts/${receiptId}`,
    });
    expect(JSON.stringify(event)).not.toContain("DE VRIES");

    const verified = await (await independentVerifier()).verify(sdJwt);
    expect(verified.header).toMatchObject({ typ: "dc+sd-jwt", alg: "ES256", kid: "test-2026-12" });
    expect(verified.payload).toMatchObject({
      iss: `${ORIGIN}/receipts`,
      jti: receiptId,
      outcome: "passed",
      method: "nfc.chip.passive_active",
      family_name: "DE VRIES",
      age_over_18: true,
      checks: { active_authentication: "passed" },
    });

    const [row] = await h.services.db.select().from(receipts).where(eq(receipts.id, receiptId));
    expect(row).toMatchObject({ status: "valid", storedKey: null, sha256: await sha256Hex(sdJwt) });
    expect(row?.fetchedAt).not.toBeNull();
    expect(JSON.stringify(row)).not.toContain("ANNA");
  });

  it("stores the receipt encrypted until its fetch", async () => {
    const h = await harness();
    const partner = await createTestPartner();
    const request = issueRequest(partner.partner.id);
    await h.deliver([request]);
    const [row] = await h.services.db
      .select()
      .from(receipts)
      .where(eq(receipts.subjectRef, request.subjectRef));
    const object = await h.services.uploads.get(row?.storedKey as string);
    const stored = new TextDecoder().decode(await object?.arrayBuffer());
    // No JWT in the clear (three letters alone could occur in ciphertext by chance).
    expect(stored).not.toMatch(/eyJ[\w-]{8,}\.eyJ/);
    expect(object?.httpMetadata?.contentType).toBe("application/octet-stream");
  });

  it("issues nothing new when the same request is delivered again", async () => {
    const h = await harness();
    const partner = await createTestPartner();
    const request = issueRequest(partner.partner.id);
    const first = await h.deliver([request]);
    const again = await h.deliver([request, request]);
    expect(first.explicitAcks).toHaveLength(1);
    expect(again.explicitAcks).toHaveLength(2);
    const rows = await h.services.db
      .select()
      .from(receipts)
      .where(eq(receipts.subjectRef, request.subjectRef));
    expect(rows).toHaveLength(1);
    expect(h.issuedEvents()).toHaveLength(1);
  });

  it("a presentation discloses only the chosen claims and verifies", async () => {
    const h = await harness();
    const partner = await createTestPartner();
    const { sdJwt } = await issueAndFetch(h, partner);
    const presentation = await presentReceipt(sdJwt, { disclose: ["age_over_18", "issuing_state"] });
    const verified = await (await independentVerifier()).verify(presentation);
    expect(verified.payload).toMatchObject({ age_over_18: true, issuing_state: "NLD" });
    expect(verified.payload).not.toHaveProperty("given_name");
    expect(verified.payload).not.toHaveProperty("partner_reference");
  });
});

describe("revocation", () => {
  it("an erasure flips the status bit of the subject's receipt, and verification then fails", async () => {
    const h = await harness();
    const partner = await createTestPartner();
    const request = issueRequest(partner.partner.id);
    const { sdJwt } = await issueAndFetch(h, partner, { subjectRef: request.subjectRef });
    const verifier = await independentVerifier();
    await expect(verifier.verify(sdJwt)).resolves.toBeTruthy();
    const revoke = {
      kind: "revoke",
      specVersion: "1",
      partnerId: partner.partner.id,
      capability: "nfc-session",
      subjectRef: request.subjectRef,
      reason: "erased",
    };
    const result = await h.deliver([revoke]);
    expect(result.explicitAcks).toHaveLength(1);
    await expect(verifier.verify(sdJwt)).rejects.toThrow(/Status is not valid/);
    expect(h.issuedEvents().map((e) => e.type)).toEqual(["receipt.issued", "receipt.revoked"]);
    // A late issue request for the erased verification issues nothing.
    await h.deliver([
      issueRequest(partner.partner.id, { subjectRef: request.subjectRef, capability: "nfc-session" }),
    ]);
    expect(h.issuedEvents()).toHaveLength(2);
  });

  it("a partner revokes its receipt, idempotently", async () => {
    const h = await harness();
    const partner = await createTestPartner();
    const { receiptId, sdJwt } = await issueAndFetch(h, partner);
    const headers = await partnerHeaders(partner);
    for (let i = 0; i < 2; i++) {
      const res = await call(`/receipts/v1/receipts/${receiptId}/revoke`, { method: "POST", headers });
      expect(res.status, await res.clone().text()).toBe(200);
      expect(await res.json()).toMatchObject({
        id: receiptId,
        status: "revoked",
        revocationReason: "partner",
      });
    }
    await expect((await independentVerifier()).verify(sdJwt)).rejects.toThrow(/Status is not valid/);
  });
});

describe("verifier metadata", () => {
  it("publishes issuer metadata, type metadata and signed status lists", async () => {
    const metadata = await call("/.well-known/jwt-vc-issuer/receipts");
    expect(metadata.status).toBe(200);
    const body = (await metadata.json()) as { issuer: string; jwks: { keys: Record<string, unknown>[] } };
    expect(body.issuer).toBe(`${ORIGIN}/receipts`);
    expect(body.jwks.keys).toEqual([
      expect.objectContaining({ kty: "EC", crv: "P-256", kid: "test-2026-12", alg: "ES256" }),
    ]);
    expect(JSON.stringify(body)).not.toContain('"d"');

    const type = await call("/receipts/vct/biometric-liveness/v1");
    expect(await type.json()).toMatchObject({
      vct: `${ORIGIN}/receipts/vct/biometric-liveness/v1`,
      name: expect.any(String),
    });
    expect((await call("/receipts/vct/unknown/v1")).status).toBe(404);

    const list = await call("/receipts/statuslists/3");
    expect(list.status).toBe(200);
    expect(list.headers.get("content-type")).toBe("application/statuslist+jwt");
    const token = new TextDecoder().decode(await list.arrayBuffer());
    const [header, payload] = token
      .split(".")
      .slice(0, 2)
      .map((part) => JSON.parse(atob(part.replace(/-/g, "+").replace(/_/g, "/"))));
    expect(header).toMatchObject({ typ: "statuslist+jwt", alg: "ES256", kid: "test-2026-12" });
    expect(payload).toMatchObject({
      sub: `${ORIGIN}/receipts/statuslists/3`,
      ttl: 300,
      status_list: { bits: 1, lst: expect.any(String) },
    });
    expect((await call("/receipts/statuslists/8")).status).toBe(404);
    expect((await call("/receipts/statuslists/x")).status).toBe(400);
  });

  it("serves its OpenAPI document and docs page", async () => {
    const doc = await call("/docs/receipts/openapi.json");
    expect(doc.status).toBe(200);
    const paths = Object.keys(((await doc.json()) as { paths: object }).paths);
    expect(paths).toEqual(
      expect.arrayContaining(["/receipts/v1/receipts/{receiptId}", "/.well-known/jwt-vc-issuer/receipts"]),
    );
    expect((await call("/docs/receipts")).status).toBe(200);
  });
});
