import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import {
  APPLICATION,
  call,
  createPartner,
  json,
  putSettings,
  registerApplication,
} from "../support/harness.ts";

const base = (id: string) => `/acquisition/v2/applications/${id}/kycauthentications`;
// Vocalink's published valid pair (test case 13): passes the modulus check.
const ACCOUNT = { sortCode: "200915", accountNumber: "41011166" };

async function openAccount(partner: Awaited<ReturnType<typeof createPartner>>, holderName: string) {
  const res = await call(partner, "POST", "/dev/bank/accounts", {
    body: { sortCode: "20-09-15", accountNumber: ACCOUNT.accountNumber, holderName },
    development: true,
  });
  expect(res.status, await res.clone().text()).toBe(201);
}

async function payments(partner: Awaited<ReturnType<typeof createPartner>>) {
  const res = await call(
    partner,
    "GET",
    `/dev/bank/accounts/${ACCOUNT.sortCode}/${ACCOUNT.accountNumber}/payments`,
    {
      development: true,
    },
  );
  expect(res.status, await res.clone().text()).toBe(200);
  return ((await res.json()) as { data: { reference: string; amountPence: number; payeeName: string }[] })
    .data;
}

describe("Penny Drop on the sandbox bank", () => {
  it("pays 1p with the code in the reference; the code read from the statement authenticates", async () => {
    const partner = await createPartner();
    await registerApplication(partner, "pd-1");
    await openAccount(partner, "Mrs Anna Smith");
    const res = await call(partner, "POST", `${base("pd-1")}/pennydrop`, {
      body: { journeyId: "pd-j", bankAccount: ACCOUNT.accountNumber, sortCode: ACCOUNT.sortCode },
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const initiated = await json(res);
    expect(initiated).toMatchObject({
      status: "initiated",
      journeyId: "pd-j",
      nameMatch: "match",
      remainingPasscodes: 2,
    });

    const statement = await payments(partner);
    expect(statement).toHaveLength(1);
    expect(statement[0]).toMatchObject({ amountPence: 1, payeeName: "Anna Smith" });
    const code = statement[0]?.reference.replace("EKYC ", "") as string;
    expect(code).toMatch(/^\d{6}$/);

    // A retried initiate of the same journey pays nothing more.
    const retry = await call(partner, "POST", `${base("pd-1")}/pennydrop`, {
      body: { journeyId: "pd-j", bankAccount: ACCOUNT.accountNumber, sortCode: ACCOUNT.sortCode },
    });
    expect(await json(retry)).toMatchObject({ status: "duplicate", authId: initiated.authId });
    expect(await payments(partner)).toHaveLength(1);

    const ok = await call(partner, "POST", `${base("pd-1")}/pennydrop/${initiated.authId}/validate`, {
      body: { passcode: code },
    });
    expect(ok.status, await ok.clone().text()).toBe(200);
    expect(await json(ok)).toMatchObject({ status: "authenticated" });
    const types = await env.DB.prepare("SELECT type FROM result_events WHERE partner_id = ?")
      .bind(partner.id)
      .all<{ type: string }>();
    // The result event and its verification receipt request, written together.
    expect(types.results.map((row) => row.type)).toEqual(["ekyc.pennydrop.authenticated", "receipt.issue"]);
    const receipt = await env.DB.prepare(
      "SELECT json_extract(payload, '$.message') AS message FROM result_events WHERE partner_id = ? AND type = 'receipt.issue'",
    )
      .bind(partner.id)
      .first<{ message: string }>();
    expect(JSON.parse(receipt?.message ?? "{}")).toMatchObject({
      method: "pennydrop.faster_payments",
      outcome: "passed",
      assurance: { level: "substantial" },
      claims: { result: "authenticated", possession_type: "bank_account" },
      disclosable: { bank_account_masked: "20-••-•• ••••1166" },
    });
  });

  it("a retried initiate after the window's last code is still a duplicate, and pays nothing more", async () => {
    const partner = await createPartner();
    await putSettings(partner, { maximumNumberOfInitiatesPerDuration: 1 });
    await registerApplication(partner, "pd-last");
    await openAccount(partner, "Anna Smith");
    const body = { journeyId: "last", bankAccount: ACCOUNT.accountNumber, sortCode: ACCOUNT.sortCode };
    const first = await json(await call(partner, "POST", `${base("pd-last")}/pennydrop`, { body }));
    expect(first).toMatchObject({ status: "initiated", remainingPasscodes: 0 });
    const retries = await Promise.all(
      [1, 2, 3].map(() => call(partner, "POST", `${base("pd-last")}/pennydrop`, { body })),
    );
    for (const retry of retries)
      expect(await json(retry)).toMatchObject({ status: "duplicate", authId: first.authId });
    expect(await payments(partner)).toHaveLength(1);
    const other = await call(partner, "POST", `${base("pd-last")}/pennydrop`, {
      body: { ...body, journeyId: "other" },
    });
    expect(other.status).toBe(429);
    expect(await json(other)).toMatchObject({ status: "noMoreCodes" });
  });

  it("goes ahead on a CoP close match and says so", async () => {
    const partner = await createPartner();
    await registerApplication(partner, "pd-close");
    await openAccount(partner, "A Smith");
    const res = await call(partner, "POST", `${base("pd-close")}/pennydrop`, {
      body: { bankAccount: ACCOUNT.accountNumber, sortCode: ACCOUNT.sortCode },
    });
    expect(await json(res)).toMatchObject({ status: "initiated", nameMatch: "closeMatch" });
  });

  it("refuses a CoP no match, an account the bank does not hold, and a modulus failure with invalidBankDetails", async () => {
    const partner = await createPartner();
    await registerApplication(partner, "pd-bad");
    await openAccount(partner, "Jonathan Doe");
    const noMatch = await call(partner, "POST", `${base("pd-bad")}/pennydrop`, {
      body: { bankAccount: ACCOUNT.accountNumber, sortCode: ACCOUNT.sortCode },
    });
    expect(noMatch.status).toBe(422);
    expect(await json(noMatch)).toMatchObject({ status: "invalidBankDetails", nameMatch: "noMatch" });
    // Vocalink test case 12: a valid pair, but the sandbox bank holds no such account (AC01).
    const unknown = await call(partner, "POST", `${base("pd-bad")}/pennydrop`, {
      body: { bankAccount: "64371389", sortCode: "118765" },
    });
    expect(await json(unknown)).toMatchObject({ status: "invalidBankDetails" });
    // Vocalink test case 26: fails the modulus check.
    const modulus = await call(partner, "POST", `${base("pd-bad")}/pennydrop`, {
      body: { bankAccount: "64371388", sortCode: "118765" },
    });
    expect(modulus.status).toBe(422);
    expect(await json(modulus)).toMatchObject({
      status: "invalidBankDetails",
      errors: [{ field: "bankAccount", message: expect.stringContaining("modulus") }],
    });
    expect(await payments(partner)).toHaveLength(0);
    const summary = await json(await call(partner, "GET", base("pd-bad")));
    expect(summary).toMatchObject({ pennyDrop: { remainingPasscodes: 3, initiatesInWindow: 0 } });
  });

  it("needs an address: addressDetailsMissing", async () => {
    const partner = await createPartner();
    await registerApplication(partner, "pd-noaddr", { ...APPLICATION, address: undefined });
    const res = await call(partner, "POST", `${base("pd-noaddr")}/pennydrop`, {
      body: { bankAccount: ACCOUNT.accountNumber, sortCode: ACCOUNT.sortCode },
    });
    expect(res.status).toBe(422);
    expect(await json(res)).toMatchObject({
      status: "addressDetailsMissing",
      errors: [{ field: "address" }],
    });
  });
});
