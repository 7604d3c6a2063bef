import type { ReceiptIssueRequest, ReceiptRevokeRequest } from "@edgekyc/schemas";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ageAt, nfcReceiptRequest } from "../../src/domain/receipt-claims.ts";
import { simulateReaderApp } from "../../src/reader-app/index.ts";
import {
  captureReceipts,
  captureResults,
  createPartner,
  fakeFace,
  post,
  readerApp,
  sessionInit,
  trustedDocument,
} from "../support/nfc-harness.ts";

afterEach(() => vi.restoreAllMocks());

async function holderJwk() {
  const pair = (await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, [
    "sign",
    "verify",
  ])) as CryptoKeyPair;
  const { kty, crv, x, y } = (await crypto.subtle.exportKey("jwk", pair.publicKey)) as JsonWebKey;
  return { kty, crv, x, y };
}

describe("verification receipts of an NFC session", () => {
  it("sends one issue request with the final result, personal data only disclosable, and a revoke on erasure", async () => {
    const results = captureResults();
    const receipts = captureReceipts();
    const partner = await createPartner();
    const face = fakeFace(1);
    const document = await trustedDocument({ faceImage: face });
    const holderKey = await holderJwk();
    const initCode = await sessionInit(partner, { ref: "customer-7", holder_key: holderKey });
    const steps = await simulateReaderApp(readerApp(), initCode, document, {
      selfie: face,
      frames: [fakeFace(2)],
    });
    expect(steps.at(-1), JSON.stringify(steps)).toMatchObject({ step: "selfie", result: "Ok" });

    expect(results).toHaveLength(1);
    expect(receipts).toHaveLength(1);
    const sessionId = (results[0]?.eventId ?? "").replace(/\.result$/, "");
    const receipt = receipts[0] as ReceiptIssueRequest;
    expect(receipt).toMatchObject({
      kind: "issue",
      partnerId: partner.id,
      capability: "nfc-session",
      subjectRef: sessionId,
      mode: "test",
      partnerReference: "customer-7",
      outcome: "passed",
      holderKey,
      claims: {
        result_code: 0,
        document_authentic: true,
        checks: {
          signature: "passed",
          hashes: "passed",
          chain: "passed",
          crl: expect.stringMatching(/passed|not_run/),
          issuing_state: "passed",
          face_match: "passed",
          liveness: "passed",
        },
        face_match_confidence: 88,
        liveness_confidence: 92,
      },
      disclosable: {
        given_names: "ANNA MARIA",
        surname: "ERIKSSON",
        document_number: "L898902C3",
        nationality: "UTO",
        issuing_state: "UTO",
        date_of_birth: "1974-08-12",
        sex: "F",
        age_over_18: true,
        age_over_21: true,
      },
    });
    expect(receipt.method).toMatch(/^nfc\.chip\.passive(_active)?\.face$/);
    expect(receipt.assurance.level).toBe(
      receipt.claims.checks &&
        (receipt.claims.checks as Record<string, string>).active_authentication === "passed"
        ? "high"
        : "substantial",
    );
    const always = JSON.stringify(receipt.claims);
    for (const personal of ["ERIKSSON", "ANNA", "L898902C3", "1974", "UTO"]) {
      expect(always, `claims leak ${personal}`).not.toContain(personal);
    }

    const erased = await post("/nfc/v1/session_erase", { api_key: partner.apiKey, init_code: initCode });
    expect(erased.status, await erased.text()).toBe(200);
    expect(receipts).toHaveLength(2);
    expect(receipts[1] as ReceiptRevokeRequest).toEqual({
      kind: "revoke",
      specVersion: "1",
      partnerId: partner.id,
      capability: "nfc-session",
      subjectRef: sessionId,
      reason: "erased",
    });
  });

  it("sends a failed receipt without document data when the chip cannot be trusted", async () => {
    captureResults();
    const receipts = captureReceipts();
    const partner = await createPartner();
    const face = fakeFace(4);
    const document = await trustedDocument({ variant: "tampered-signature", faceImage: face });
    const initCode = await sessionInit(partner);
    await simulateReaderApp(readerApp(), initCode, document, { selfie: face, frames: [face] });
    expect(receipts).toHaveLength(1);
    expect(receipts[0]).toMatchObject({
      kind: "issue",
      outcome: "failed",
      assurance: { level: "low" },
      claims: { document_authentic: false, checks: { face_match: "not_run", liveness: "not_run" } },
    });
    expect(receipts[0]).not.toHaveProperty("holderKey");
  });
});

const SESSION = { id: "nfc_1", partnerId: "ptn_1", mode: "test" as const, ref: "", webhookUrl: null };

describe("the nfc-session receipt claims", () => {
  it("counts age in whole years up to the day before the birthday", () => {
    expect(ageAt("2008-06-15", new Date("2026-06-14T23:00:00Z"))).toBe(17);
    expect(ageAt("2008-06-15", new Date("2026-06-15T00:00:00Z"))).toBe(18);
    expect(ageAt("1974-00-12", new Date("2026-06-15T00:00:00Z"))).toBeNull();
  });

  it("says failed, low, with checks not run, for a session that expired before the chip", () => {
    const receipt = nfcReceiptRequest(
      SESSION,
      { result: "Err", code: 3001, message: "Session expired", ref: "", data: {}, checks: {} },
      Date.parse("2026-12-01T10:00:00Z"),
    );
    expect(receipt).toMatchObject({
      outcome: "failed",
      method: "nfc.chip.passive.face",
      verifiedAt: "2026-12-01T10:00:00.000Z",
      assurance: { level: "low" },
      claims: { result_code: 3001, document_authentic: false, checks: { signature: "not_run" } },
      disclosable: {},
    });
    expect(receipt).not.toHaveProperty("partnerReference");
  });

  it("does not pass a verified document whose selfie did not match", () => {
    const receipt = nfcReceiptRequest(
      SESSION,
      {
        result: "Ok",
        code: 0,
        data: { date_of_birth: "2010-01-01", document_number: "X1" },
        face_match_confidence: 12,
        liveness_confidence: 90,
        checks: { signature: { ran: true, passed: true } },
      },
      Date.parse("2026-12-01T10:00:00Z"),
    );
    expect(receipt).toMatchObject({
      outcome: "failed",
      claims: { checks: { face_match: "failed", liveness: "passed", signature: "passed" } },
      disclosable: { age_over_18: false, age_over_21: false, document_number: "X1" },
    });
  });
});
