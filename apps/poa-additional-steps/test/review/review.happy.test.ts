import { UTILITY_BILL_TEXT_EN } from "@edgekyc/schemas";
import { describe, expect, it } from "vitest";
import { PNG, pdf, toBase64 } from "../support/files.ts";
import {
  call,
  createPartner,
  createReviewer,
  createToken,
  sentReceipts,
  sentResults,
  type TestPartner,
} from "../support/poa-client.ts";

const receiptsFor = (scanRef: string) => sentReceipts.filter((r) => r.subjectRef.startsWith(scanRef));
const HOLDER_KEY = { kty: "OKP", crv: "Ed25519", x: "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo" };

const eventsFor = (scanRef: string) =>
  sentResults.filter((e) => (e.payload as { scanRef?: string }).scanRef === scanRef);

const STEPS = {
  additionalSteps: {
    UTILITY_BILL: { type: "COMPARE", texts: { en: UTILITY_BILL_TEXT_EN }, fields: ["address"] },
    EMPLOYER_LETTER: {
      type: "EXTRACT",
      texts: { en: { name: "Employer letter", description: "" } },
      fields: ["employer", "since"],
    },
  },
};
const ADDRESS = "1234, Drive/Street, City/State, postcode";

async function finishedVerification(partner: TestPartner, extra: Record<string, unknown> = {}) {
  const token = await createToken(partner, {
    clientId: "client-7",
    externalRef: "ext-7",
    callbackUrl: "https://partner.example/idenfy-hook",
    additionalData: { UTILITY_BILL: { address: ADDRESS } },
    ...extra,
  });
  const auth = { bearer: token.authToken };
  expect(
    (
      await call("PUT", "/api/v2/session/steps/UTILITY_BILL/file?documentType=ELECTRICITY_BILL", {
        ...auth,
        body: pdf(),
      })
    ).status,
  ).toBe(200);
  expect(
    (await call("PUT", "/api/v2/session/steps/EMPLOYER_LETTER/file", { ...auth, body: PNG })).status,
  ).toBe(200);
  const finish = await call("POST", "/api/v2/session/finish", auth);
  expect(finish.status, await finish.clone().text()).toBe(200);
  expect(await finish.json()).toMatchObject({ status: "REVIEWING", final: false });
  return token;
}

describe("review of COMPARE and EXTRACT steps", () => {
  it("queues both steps oldest first, takes decisions and sends a final callback with statuses and values", async () => {
    const partner = await createPartner(STEPS);
    const token = await finishedVerification(partner, { holderKey: HOLDER_KEY });
    const first = eventsFor(token.scanRef);
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({
      type: "poa.verification.finished",
      webhookUrl: "https://partner.example/idenfy-hook",
      payload: {
        final: false,
        status: {
          overall: "REVIEWING",
          additionalSteps: null,
          additionalStepStatuses: { UTILITY_BILL: "PENDING", EMPLOYER_LETTER: "PENDING" },
        },
        additionalData: { UTILITY_BILL: { address: { value: ADDRESS, status: null } } },
        clientId: "client-7",
        externalRef: "ext-7",
      },
    });

    const reviewer = await createReviewer(partner);
    const auth = { bearer: reviewer.apiKey };
    const queue = await (await call("GET", "/review/v1/queue", auth)).json<{
      data: { id: string; step: string; state: string }[];
    }>();
    expect(queue.data.map((i) => [i.step, i.state])).toEqual([
      ["UTILITY_BILL", "PENDING"],
      ["EMPLOYER_LETTER", "PENDING"],
    ]);
    expect(JSON.stringify(queue)).not.toContain(ADDRESS);

    const claimed = await call("POST", "/review/v1/queue/claim", auth);
    expect(claimed.status, await claimed.clone().text()).toBe(200);
    const compare = await claimed.json<{ id: string; step: string; state: string }>();
    expect(compare).toMatchObject({ step: "UTILITY_BILL", state: "CLAIMED" });
    const detail = await call("GET", `/review/v1/items/${compare.id}`, auth);
    expect(await detail.json()).toMatchObject({
      type: "COMPARE",
      fields: ["address"],
      additionalData: { address: ADDRESS },
      document: { contentType: "application/pdf", documentType: "ELECTRICITY_BILL", source: "UPLOAD" },
      instructions: UTILITY_BILL_TEXT_EN,
    });
    const file = await call("GET", `/review/v1/items/${compare.id}/file`, auth);
    expect(file.headers.get("content-type")).toBe("application/pdf");
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(pdf());
    const decided = await call("POST", `/review/v1/items/${compare.id}/decision`, {
      ...auth,
      json: { status: "MATCH" },
    });
    expect(decided.status, await decided.clone().text()).toBe(200);
    expect(eventsFor(token.scanRef)).toHaveLength(1);

    const extract = await (await call("POST", "/review/v1/queue/claim", auth)).json<{
      id: string;
      step: string;
    }>();
    expect(extract.step).toBe("EMPLOYER_LETTER");
    const values = await call("POST", `/review/v1/items/${extract.id}/decision`, {
      ...auth,
      json: { values: { employer: "Acme Ltd", since: null } },
    });
    expect(values.status, await values.clone().text()).toBe(200);
    expect((await call("POST", "/review/v1/queue/claim", auth)).status).toBe(204);

    const events = eventsFor(token.scanRef);
    expect(events.map((e) => e.type)).toEqual(["poa.verification.finished", "poa.verification.final"]);
    const receipts = receiptsFor(token.scanRef);
    expect(receipts).toHaveLength(1);
    expect(receipts[0]).toMatchObject({
      kind: "issue",
      partnerId: partner.id,
      capability: "poa-additional-steps",
      subjectRef: token.scanRef,
      partnerReference: "ext-7",
      method: "poa.document.human_review",
      outcome: "passed",
      assurance: { level: "substantial" },
      holderKey: HOLDER_KEY,
      webhookUrl: "https://partner.example/idenfy-hook",
      claims: {
        overall_status: "APPROVED",
        additional_steps: "VALID",
        step_statuses: { UTILITY_BILL: "VALID", EMPLOYER_LETTER: "VALID" },
        compared_fields: { UTILITY_BILL: { address: "MATCH" }, EMPLOYER_LETTER: { employer: null } },
      },
      disclosable: {
        client_id: "client-7",
        utility_bill_address: ADDRESS,
        employer_letter_employer: "Acme Ltd",
        employer_letter_since: null,
      },
    });
    const always = JSON.stringify((receipts[0] as { claims: unknown }).claims);
    for (const personal of [ADDRESS, "Acme Ltd", "client-7"]) expect(always).not.toContain(personal);
    expect(events[1]).toMatchObject({
      signatures: ["idenfy"],
      payload: {
        final: true,
        status: {
          overall: "APPROVED",
          additionalSteps: "VALID",
          additionalStepStatuses: { UTILITY_BILL: "VALID", EMPLOYER_LETTER: "VALID" },
        },
        additionalData: {
          UTILITY_BILL: { address: { value: ADDRESS, status: "MATCH" } },
          EMPLOYER_LETTER: {
            employer: { value: "Acme Ltd", status: null },
            since: { value: null, status: null },
          },
        },
      },
    });
    const status = await call("POST", "/api/v2/status", {
      basic: partner.basic,
      json: { scanRef: token.scanRef },
    });
    expect(await status.json()).toMatchObject({ status: "APPROVED", final: true, additionalSteps: "VALID" });
  });

  it("NOT_MATCH makes the verification SUSPECTED; a partner re-upload sends the step back to review as a new revision", async () => {
    const partner = await createPartner(STEPS);
    const token = await finishedVerification(partner);
    const reviewer = await createReviewer(partner);
    const auth = { bearer: reviewer.apiKey };
    for (const decision of [{ status: "NOT_MATCH" }, { values: { employer: "Acme", since: "2020" } }]) {
      const item = await (await call("POST", "/review/v1/queue/claim", auth)).json<{ id: string }>();
      expect(
        (await call("POST", `/review/v1/items/${item.id}/decision`, { ...auth, json: decision })).status,
      ).toBe(200);
    }
    const final = eventsFor(token.scanRef).at(-1);
    expect(final?.payload).toMatchObject({
      final: true,
      status: {
        overall: "SUSPECTED",
        additionalSteps: "INVALID",
        additionalStepStatuses: { UTILITY_BILL: "INVALID" },
      },
      additionalData: { UTILITY_BILL: { address: { status: "NOT_MATCH" } } },
    });

    const upload = await call("POST", "/api/v2/upload-additional-step", {
      basic: partner.basic,
      json: {
        scanRef: token.scanRef,
        step: "UTILITY_BILL",
        image: toBase64(pdf(10)),
        additionalData: { address: "New address 1" },
      },
    });
    expect(upload.status, await upload.clone().text()).toBe(200);
    const item = await (await call("POST", "/review/v1/queue/claim", auth)).json<{
      id: string;
      step: string;
    }>();
    expect(item.step).toBe("UTILITY_BILL");
    expect(await (await call("GET", `/review/v1/items/${item.id}`, auth)).json()).toMatchObject({
      additionalData: { address: "New address 1" },
      document: { source: "PARTNER" },
    });
    await call("POST", `/review/v1/items/${item.id}/decision`, { ...auth, json: { status: "MATCH" } });
    const events = eventsFor(token.scanRef);
    // Revision 1 gets its own receipt; revision 0's is withdrawn. Erasure revokes both.
    expect(
      receiptsFor(token.scanRef).map((r) => [r.kind, r.subjectRef, "reason" in r ? r.reason : r.outcome]),
    ).toEqual([
      ["issue", token.scanRef, "failed"],
      ["issue", `${token.scanRef}.r1`, "passed"],
      ["revoke", token.scanRef, "withdrawn"],
    ]);
    const deleted = await call("POST", "/api/v2/delete", {
      basic: partner.basic,
      json: { scanRef: token.scanRef },
    });
    expect(deleted.status, await deleted.clone().text()).toBe(200);
    expect(receiptsFor(token.scanRef).slice(3)).toEqual([
      expect.objectContaining({ kind: "revoke", subjectRef: token.scanRef, reason: "erased" }),
      expect.objectContaining({ kind: "revoke", subjectRef: `${token.scanRef}.r1`, reason: "erased" }),
    ]);
    expect(events.at(-1)).toMatchObject({
      eventId: `poa-${token.scanRef}-r1-final`,
      payload: {
        final: true,
        status: { overall: "APPROVED" },
        additionalData: { UTILITY_BILL: { address: { value: "New address 1", status: "MATCH" } } },
      },
    });
  });

  it("NO_DATA is the decision for a COMPARE step without additionalData", async () => {
    const partner = await createPartner({
      additionalSteps: { UTILITY_BILL: STEPS.additionalSteps.UTILITY_BILL },
    });
    const token = await createToken(partner, { clientId: "x" });
    await call("PUT", "/api/v2/session/steps/UTILITY_BILL/file?documentType=OTHER", {
      bearer: token.authToken,
      body: PNG,
    });
    await call("POST", "/api/v2/session/finish", { bearer: token.authToken });
    const reviewer = await createReviewer(partner);
    const item = await (await call("POST", "/review/v1/queue/claim", { bearer: reviewer.apiKey })).json<{
      id: string;
    }>();
    const wrong = await call("POST", `/review/v1/items/${item.id}/decision`, {
      bearer: reviewer.apiKey,
      json: { status: "MATCH" },
    });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({
      identifier: "BAD_VALUE",
      message: expect.stringContaining("NO_DATA"),
    });
    const right = await call("POST", `/review/v1/items/${item.id}/decision`, {
      bearer: reviewer.apiKey,
      json: { status: "NO_DATA" },
    });
    expect(right.status).toBe(200);
    expect(eventsFor(token.scanRef).at(-1)?.payload).toMatchObject({
      final: true,
      additionalData: { UTILITY_BILL: { address: { value: null, status: "NO_DATA" } } },
    });
    // Repeating the same decision is harmless.
    expect(
      (
        await call("POST", `/review/v1/items/${item.id}/decision`, {
          bearer: reviewer.apiKey,
          json: { status: "NO_DATA" },
        })
      ).status,
    ).toBe(200);
  });
});
