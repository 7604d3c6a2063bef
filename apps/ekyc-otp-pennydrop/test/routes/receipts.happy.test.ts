import { env } from "cloudflare:workers";
import type { ReceiptIssueRequest, ReceiptQueueMessage } from "@edgekyc/schemas";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ekycReceiptRequest } from "../../src/events/receipt-claims.ts";
import { call, codeIn, createPartner, json, lastMessage, registerApplication } from "../support/harness.ts";

afterEach(() => vi.restoreAllMocks());

const base = (id: string) => `/acquisition/v2/applications/${id}/kycauthentications`;
const HOLDER_KEY = {
  kty: "EC",
  crv: "P-256",
  x: "1gtf2VAuDuhqB2X6DEzMnfLM3vuPTycoKxEToEqpNPY",
  y: "i9Kb3mMgG293s0x2ubqKa6_AyYzen3nNqu6yQ6qSXFc",
};

function captureReceipts(): ReceiptQueueMessage[] {
  const sent: ReceiptQueueMessage[] = [];
  vi.spyOn(env.RECEIPTS, "send").mockImplementation(async (message: unknown) => {
    sent.push(message as ReceiptQueueMessage);
    return undefined as never;
  });
  return sent;
}

describe("verification receipts of OTP and Penny Drop results", () => {
  it("an authenticated OTP sends one receipt (masked phone only disclosable); erasing the application revokes it", async () => {
    const receipts = captureReceipts();
    const partner = await createPartner();
    await registerApplication(partner, "rc-1");
    const initiated = await json(
      await call(partner, "POST", `${base("rc-1")}/otp`, {
        body: { journeyId: "j-rc", holderKey: HOLDER_KEY },
      }),
    );
    expect(initiated.status, JSON.stringify(initiated)).toBe("initiated");
    const code = codeIn((await lastMessage(partner, "+447400123456")).body);
    const validated = await call(partner, "POST", `${base("rc-1")}/otp/${initiated.authId}/validate`, {
      body: { passcode: code },
    });
    expect(validated.status, await validated.clone().text()).toBe(200);

    expect(receipts).toHaveLength(1);
    expect(receipts[0]).toMatchObject({
      kind: "issue",
      partnerId: partner.id,
      capability: "ekyc-otp-pennydrop",
      subjectRef: initiated.authId,
      mode: "test",
      partnerReference: "j-rc",
      method: "otp.sms",
      outcome: "passed",
      assurance: { level: "low" },
      holderKey: HOLDER_KEY,
      claims: {
        result: "authenticated",
        possession_proven: true,
        possession_type: "phone",
        channel: "sms",
        subject_kind: "application",
      },
      disclosable: { application_id: "rc-1", phone_number_masked: "+44 •••• ••• 456" },
    });
    const always = JSON.stringify((receipts[0] as ReceiptIssueRequest).claims);
    for (const personal of ["456", "rc-1", "7400"]) expect(always).not.toContain(personal);
    const outbox = await env.DB.prepare(
      "SELECT queued_at FROM result_events WHERE partner_id = ? AND type = 'receipt.issue'",
    )
      .bind(partner.id)
      .all<{ queued_at: number | null }>();
    expect(outbox.results.map((row) => row.queued_at !== null)).toEqual([true]);

    const erased = await call(partner, "DELETE", "/acquisition/v2/applications/rc-1");
    expect(erased.status, await erased.text()).toBe(204);
    expect(receipts.slice(1)).toEqual([
      {
        kind: "revoke",
        specVersion: "1",
        partnerId: partner.id,
        capability: "ekyc-otp-pennydrop",
        subjectRef: initiated.authId,
        reason: "erased",
      },
    ]);
    const left = await env.DB.prepare(
      "SELECT type FROM result_events WHERE partner_id = ? AND type LIKE 'receipt.%'",
    )
      .bind(partner.id)
      .all<{ type: string }>();
    expect(left.results.map((row) => row.type)).toEqual(["receipt.revoke"]);
  });

  it("a failed or locked result says failed, and a penny drop names the masked account", () => {
    const now = Date.parse("2026-12-01T10:00:00Z");
    const failed = ekycReceiptRequest({
      partnerId: "ptn_1",
      mode: "test",
      outcome: {
        status: "failed",
        method: "pennydrop",
        kind: "account",
        externalId: "acc-9",
        authId: "auth-1",
        journeyId: null,
        scope: "application",
      },
      possession: { channel: "faster_payments", destinationHint: "20-04-15 ••••5678" },
      holderKey: null,
      now,
    });
    expect(failed).toMatchObject({
      subjectRef: "auth-1",
      method: "pennydrop.faster_payments",
      outcome: "failed",
      claims: {
        result: "failed",
        possession_proven: false,
        possession_type: "bank_account",
        failure_scope: "application",
      },
      disclosable: { account_id: "acc-9", bank_account_masked: "20-04-15 ••••5678" },
    });
    expect(failed).not.toHaveProperty("holderKey");
    const locked = ekycReceiptRequest({
      partnerId: "ptn_1",
      mode: "test",
      outcome: {
        status: "locked",
        method: "otp",
        kind: "application",
        externalId: "app-9",
        authId: "auth-1",
        journeyId: "j",
        lockedUntil: now + 3600_000,
      },
      possession: null,
      holderKey: null,
      now,
    });
    // A lock is its own result: it must not take the receipt of the code's own outcome.
    expect(locked.subjectRef).not.toBe("auth-1");
    expect(locked).toMatchObject({
      method: "otp",
      outcome: "failed",
      claims: { result: "locked", locked_until: "2026-12-01T11:00:00.000Z" },
    });
  });
});
