import { describe, expect, it } from "vitest";
import {
  RECEIPT_CLAIMS_MAX_BYTES,
  ReceiptQueueMessage,
  type ReceiptQueueMessageInput,
} from "../src/index.ts";

const issue = {
  kind: "issue",
  specVersion: "1",
  partnerId: "ptn_1",
  capability: "nfc-session",
  subjectRef: "ses_1",
  mode: "test",
  method: "nfc.chip.passive_active",
  outcome: "passed",
  verifiedAt: "2026-12-02T10:00:00Z",
  assurance: {
    level: "high",
    summary: "chip signature, hashes and chain verified; active authentication passed",
  },
  claims: { checks: { signature: true, active_authentication: true } },
  disclosable: { family_name: "MUSTERMANN", age_over_18: true },
  holderKey: { kty: "OKP", crv: "Ed25519", x: "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo" },
} satisfies ReceiptQueueMessageInput;

function messages(input: unknown): string[] {
  const result = ReceiptQueueMessage.safeParse(input);
  expect(result.success, "expected the message to be refused").toBe(false);
  return result.error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`) ?? [];
}

describe("ReceiptQueueMessage", () => {
  it("accepts an issue request and a revocation", () => {
    expect(ReceiptQueueMessage.parse(issue)).toMatchObject({ kind: "issue", subjectRef: "ses_1" });
    const revoke = { kind: "revoke", specVersion: "1", partnerId: "ptn_1", capability: "nfc-session" };
    expect(ReceiptQueueMessage.parse({ ...revoke, subjectRef: "ses_1", reason: "erased" })).toMatchObject(
      revoke,
    );
  });

  it("refuses issuer-owned claims, a claim in both sets, and oversized claims", () => {
    expect(messages({ ...issue, disclosable: { iss: "x", family_name: "A" } })).toEqual([
      "disclosable.iss: iss is set by the issuer",
    ]);
    expect(messages({ ...issue, claims: { family_name: "A" } })).toEqual([
      "disclosable.family_name: family_name is in both claims and disclosable",
    ]);
    const big = { note: "x".repeat(RECEIPT_CLAIMS_MAX_BYTES) };
    expect(messages({ ...issue, disclosable: big })[0]).toMatch(/^disclosable: claims are \d+ bytes/);
  });

  it("refuses a private or unsupported holder key", () => {
    expect(
      messages({ ...issue, holderKey: { ...issue.holderKey, d: issue.holderKey.x } }).length,
    ).toBeGreaterThan(0);
    expect(messages({ ...issue, holderKey: { kty: "RSA", n: "AQAB", e: "AQAB" } }).length).toBeGreaterThan(0);
  });
});
