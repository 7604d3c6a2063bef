import { describe, expect, it } from "vitest";
import { APPLICATION, call, createPartner, json, registerApplication } from "../support/harness.ts";

const base = (id: string) => `/acquisition/v2/applications/${id}/kycauthentications`;

describe("bad input answers invalidRequest naming the field, never a 500", () => {
  it("malformed JSON, wrong types, unknown and extra-long fields", async () => {
    const partner = await createPartner();
    await registerApplication(partner, "e-1");
    const malformed = await call(partner, "POST", `${base("e-1")}/otp`, { rawBody: "{not json" });
    expect(malformed.status).toBe(400);
    expect(await json(malformed)).toMatchObject({ status: "invalidRequest" });

    const cases: [string, unknown, string][] = [
      [`${base("e-1")}/otp`, { mobileNumber: 447400123456 }, "mobileNumber"],
      [`${base("e-1")}/otp`, { mobileNumber: "12" }, "mobileNumber"],
      [`${base("e-1")}/otp`, { email: "not-an-email" }, "email"],
      [`${base("e-1")}/otp`, { journeyId: "x".repeat(65) }, "journeyId"],
      [`${base("e-1")}/otp`, { surprise: true }, "surprise"],
      [
        `${base("e-1")}/otp`,
        {
          transactionDetails: {
            merchantName: "Visit http://evil.example",
            transactionValue: 1,
            transactionCurrency: "GBP",
          },
        },
        "transactionDetails.merchantName",
      ],
      [
        `${base("e-1")}/otp`,
        { transactionDetails: { merchantName: "Acme", transactionValue: -1, transactionCurrency: "GBP" } },
        "transactionDetails.transactionValue",
      ],
      [`${base("e-1")}/otp`, { holderKey: { kty: "EC", crv: "P-256", x: "short", y: "short" } }, "holderKey"],
      [
        `${base("e-1")}/pennydrop`,
        { bankAccount: "41011166", sortCode: "200915", holderKey: { kty: "RSA", n: "AQAB", e: "AQAB" } },
        "holderKey",
      ],
      [`${base("e-1")}/pennydrop`, { bankAccount: "1234", sortCode: "200915" }, "bankAccount"],
      [`${base("e-1")}/pennydrop`, { bankAccount: "41011166" }, "sortCode"],
      [
        `${base("e-1")}/otp/00000000-0000-0000-0000-000000000000/validate`,
        { passcode: "12ab56" },
        "passcode",
      ],
      [`${base("e-1")}/otp/00000000-0000-0000-0000-000000000000/validate`, {}, "passcode"],
    ];
    for (const [path, body, field] of cases) {
      const res = await call(partner, "POST", path, { body });
      expect(res.status, `${path} ${JSON.stringify(body)}`).toBe(422);
      const answer = await json(res);
      expect(answer.status).toBe("invalidRequest");
      // Unknown keys are reported at the body's root, with the key in the message.
      const named = (answer.errors as { field: string; message: string }[]).map((e) =>
        e.field === "(body)" ? e.message : e.field,
      );
      expect(named.join(" "), JSON.stringify(answer)).toContain(field);
    }
  });

  it("two destinations at once, or none anywhere, is invalidRequest; a landline as mobileNumber is invalid", async () => {
    const partner = await createPartner();
    await registerApplication(partner, "e-dest", {
      ...APPLICATION,
      mobileNumber: undefined,
      homeNumber: undefined,
      email: undefined,
    });
    const both = await call(partner, "POST", `${base("e-dest")}/otp`, {
      body: { mobileNumber: "07400 123456", email: "a@example.org" },
    });
    expect(await json(both)).toMatchObject({ status: "invalidRequest", errors: [{ field: "email" }] });
    const none = await call(partner, "POST", `${base("e-dest")}/otp`, { body: {} });
    expect(none.status).toBe(422);
    expect(await json(none)).toMatchObject({ status: "invalidRequest", errors: [{ field: "mobileNumber" }] });
    const landline = await call(partner, "POST", `${base("e-dest")}/otp`, {
      body: { mobileNumber: "020 7123 4567" },
    });
    expect(landline.status).toBe(422);
    expect(await json(landline)).toMatchObject({ status: "invalid", errors: [{ field: "mobileNumber" }] });
  });

  it("a provider refusing the recipient is invalid and costs no code", async () => {
    const partner = await createPartner();
    await registerApplication(partner, "e-refused");
    // The sandbox refuses Twilio's magic "invalid number" like Twilio does (21211).
    const res = await call(partner, "POST", `${base("e-refused")}/otp`, {
      body: { homeNumber: "+15005550001" },
    });
    expect(res.status, await res.clone().text()).toBe(422);
    expect(await json(res)).toMatchObject({ status: "invalid", errors: [{ field: "homeNumber" }] });
    const summary = await json(await call(partner, "GET", base("e-refused")));
    expect(summary).toMatchObject({ otp: { remainingPasscodes: 3, initiatesInWindow: 0 } });
  });

  it("unknown ids: applicationIdNotFound, accountIdNotFound, sessionIdNotFound, notFound", async () => {
    const partner = await createPartner();
    const app = await call(partner, "POST", `${base("nobody")}/otp`, { body: {} });
    expect(app.status).toBe(404);
    expect(await json(app)).toMatchObject({
      status: "applicationIdNotFound",
      errors: [{ field: "applicationId" }],
    });
    const acc = await call(partner, "GET", "/servicing/v2/accounts/nobody/kycauthentications");
    expect(acc.status).toBe(404);
    expect(await json(acc)).toMatchObject({ status: "accountIdNotFound", errors: [{ field: "accountId" }] });

    await registerApplication(partner, "e-ids");
    const session = await call(partner, "POST", `${base("e-ids")}/otp/${crypto.randomUUID()}/validate`, {
      body: { passcode: "123456" },
    });
    expect(session.status).toBe(404);
    expect(await json(session)).toMatchObject({ status: "sessionIdNotFound", errors: [{ field: "authId" }] });
    const resend = await call(partner, "POST", `${base("e-ids")}/otp/${crypto.randomUUID()}/resend`, {
      body: {},
    });
    expect(resend.status).toBe(404);
    expect(await json(resend)).toMatchObject({ status: "notFound" });
  });

  it("refuses a body over the limit before reading it", async () => {
    const partner = await createPartner();
    const res = await call(partner, "PUT", "/acquisition/v2/applications/big", {
      rawBody: JSON.stringify({ firstName: "x".repeat(20_000) }),
    });
    expect(res.status).toBe(413);
    expect(await json(res)).toMatchObject({ status: "invalidRequest" });
  });
});
