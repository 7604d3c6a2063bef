import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import {
  APPLICATION,
  call,
  codeIn,
  createPartner,
  json,
  lastMessage,
  registerApplication,
} from "../support/harness.ts";

const base = (id: string) => `/acquisition/v2/applications/${id}/kycauthentications`;

describe("OTP by SMS, voice and email", () => {
  it("initiates to the application's mobile, validates the code from the SMS, reports authenticated", async () => {
    const partner = await createPartner();
    await registerApplication(partner, "app-1");
    const res = await call(partner, "POST", `${base("app-1")}/otp`, {
      body: {
        journeyId: "j-1",
        transactionDetails: {
          merchantName: "Acme Shoes",
          transactionValue: 12.5,
          transactionCurrency: "GBP",
        },
      },
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const initiated = await json(res);
    expect(initiated).toMatchObject({
      status: "initiated",
      journeyId: "j-1",
      remainingPasscodes: 2,
      channel: "sms",
      destination: "+44 •••• ••• 456",
    });
    const sms = await lastMessage(partner, "+447400123456");
    expect(sms.channel).toBe("sms");
    expect(sms.body).toContain("£12.50");
    expect(sms.body).toContain("Acme Shoes");
    const code = codeIn(sms.body);
    expect(code).toMatch(/^\d{6}$/);

    const validated = await call(partner, "POST", `${base("app-1")}/otp/${initiated.authId}/validate`, {
      body: { passcode: code },
    });
    expect(validated.status, await validated.clone().text()).toBe(200);
    expect(await json(validated)).toMatchObject({
      status: "authenticated",
      authId: initiated.authId,
      journeyId: "j-1",
    });

    // The journey is done: initiating it again answers authenticated and sends nothing.
    const again = await call(partner, "POST", `${base("app-1")}/otp`, { body: { journeyId: "j-1" } });
    expect(await json(again)).toMatchObject({ status: "authenticated" });

    const events = await env.DB.prepare(
      "SELECT type, payload, queued_at FROM result_events WHERE partner_id = ? AND type NOT LIKE 'receipt.%'",
    )
      .bind(partner.id)
      .all<{ type: string; payload: string; queued_at: number | null }>();
    expect(events.results.map((row) => row.type)).toEqual(["ekyc.otp.authenticated"]);
    expect(JSON.parse(events.results[0]?.payload ?? "{}")).toMatchObject({
      status: "authenticated",
      applicationId: "app-1",
      authId: initiated.authId,
    });
    expect(events.results[0]?.queued_at).not.toBeNull();
  });

  it("calls a landline (homeNumber) and reads the code digit by digit, naming the merchant", async () => {
    const partner = await createPartner();
    await registerApplication(partner, "app-voice");
    const res = await call(partner, "POST", `${base("app-voice")}/otp`, {
      body: {
        homeNumber: "020 7123 4567",
        transactionDetails: { merchantName: "Acme", transactionValue: 99, transactionCurrency: "EUR" },
      },
    });
    expect(res.status, await res.clone().text()).toBe(201);
    expect(await json(res)).toMatchObject({ channel: "voice" });
    const call_ = await lastMessage(partner, "+442071234567");
    expect(call_.channel).toBe("voice");
    expect(call_.body).toMatch(/from Acme/);
    expect(call_.body).toMatch(/€99\.00/);
    expect(call_.body).toMatch(/(\d, ){5}\d/);
  });

  it("emails the code when asked, and a resend sends a new code to the same place; the old one stops working", async () => {
    const partner = await createPartner();
    await registerApplication(partner, "app-mail", { ...APPLICATION, mobileNumber: undefined });
    const first = await json(
      await call(partner, "POST", `${base("app-mail")}/otp`, { body: { email: "anna@example.org" } }),
    );
    expect(first).toMatchObject({ status: "initiated", channel: "email", destination: "a•••@example.org" });
    const firstCode = codeIn((await lastMessage(partner, "anna@example.org")).body);
    const resent = await call(partner, "POST", `${base("app-mail")}/otp/${first.authId}/resend`, {
      body: {},
    });
    expect(resent.status, await resent.clone().text()).toBe(201);
    expect(await json(resent)).toMatchObject({
      status: "initiated",
      authId: first.authId,
      remainingPasscodes: 1,
    });
    const mail = await lastMessage(partner, "anna@example.org");
    expect(mail.subject).toBe("Your verification code");
    const secondCode = codeIn(mail.body);
    if (firstCode !== secondCode) {
      const old = await call(partner, "POST", `${base("app-mail")}/otp/${first.authId}/validate`, {
        body: { passcode: firstCode },
      });
      expect(await json(old)).toMatchObject({ status: "invalid" });
    }
    const ok = await call(partner, "POST", `${base("app-mail")}/otp/${first.authId}/validate`, {
      body: { passcode: secondCode },
    });
    expect(await json(ok)).toMatchObject({ status: "authenticated" });
  });

  it("answers a retried initiate (same journey and destination) with duplicate and sends nothing more", async () => {
    const partner = await createPartner();
    await registerApplication(partner, "app-dup");
    const first = await json(
      await call(partner, "POST", `${base("app-dup")}/otp`, { body: { journeyId: "j" } }),
    );
    const second = await call(partner, "POST", `${base("app-dup")}/otp`, { body: { journeyId: "j" } });
    expect(second.status).toBe(200);
    expect(await json(second)).toMatchObject({
      status: "duplicate",
      authId: first.authId,
      remainingPasscodes: 2,
    });
    const sent = await env.DB.prepare("SELECT count(*) AS n FROM sandbox_outbox WHERE partner_id = ?")
      .bind(partner.id)
      .first<{ n: number }>();
    expect(sent?.n).toBe(1);
  });

  it("works the same for servicing accounts", async () => {
    const partner = await createPartner();
    const put = await call(partner, "PUT", "/servicing/v2/accounts/acc-9", { body: APPLICATION });
    expect(put.status, await put.clone().text()).toBe(201);
    const started = await json(
      await call(partner, "POST", "/servicing/v2/accounts/acc-9/kycauthentications/otp", { body: {} }),
    );
    expect(started.status).toBe("initiated");
    const code = codeIn((await lastMessage(partner, "+447400123456")).body);
    const done = await call(
      partner,
      "POST",
      `/servicing/v2/accounts/acc-9/kycauthentications/otp/${started.authId}/validate`,
      {
        body: { passcode: code },
      },
    );
    expect(await json(done)).toMatchObject({ status: "authenticated" });
    const summary = await json(await call(partner, "GET", "/servicing/v2/accounts/acc-9/kycauthentications"));
    expect(summary).toMatchObject({
      accountId: "acc-9",
      otp: { status: "authenticated", remainingPasscodes: 2 },
    });
    expect((summary.journeys as { events: { action: string; status: string }[] }[])[0]?.events).toMatchObject(
      [
        { action: "initiate", status: "initiated" },
        { action: "validate", status: "authenticated" },
      ],
    );
  });

  it("shows what the sandbox sent at /dev/outbox in development, to the partner that sent it only", async () => {
    const partner = await createPartner();
    const other = await createPartner("Other");
    await registerApplication(partner, "app-outbox");
    await call(partner, "POST", `${base("app-outbox")}/otp`, { body: {} });
    const res = await call(partner, "GET", "/dev/outbox?to=07400%20123456", { development: true });
    expect(res.status, await res.clone().text()).toBe(200);
    const { data } = (await res.json()) as { data: { channel: string; to: string; body: string }[] };
    expect(data).toHaveLength(1);
    expect(data[0]).toMatchObject({ channel: "sms", to: "+447400123456" });
    const theirs = await call(other, "GET", "/dev/outbox", { development: true });
    expect(((await theirs.json()) as { data: unknown[] }).data).toHaveLength(0);
  });
});
