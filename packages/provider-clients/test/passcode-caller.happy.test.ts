import { describe, expect, it } from "vitest";
import { MemorySandboxOutbox, SandboxPasscodeCaller, TwilioVoiceCaller } from "../src/index.ts";
import { scriptedFetcher, TWILIO_SID } from "./support/scripted-fetcher.ts";

const CALL = {
  to: "+442071234567",
  passcode: "482913",
  intro: "Hello, this is an automated call from Acme & Sons. Your code is",
  outro: "Never share it.",
  idempotencyKey: "auth-1.1",
};

describe("TwilioVoiceCaller", () => {
  it("places a call with inline TwiML reading the code twice, answering-machine aware, idempotent", async () => {
    const { fetcher, seen } = scriptedFetcher(
      Response.json({ sid: "CA123", date_created: "Tue, 01 Dec 2026 21:00:00 +0000" }, { status: 201 }),
    );
    const caller = new TwilioVoiceCaller(
      { accountSid: TWILIO_SID, authToken: "token", from: "+441234567890" },
      { fetcher },
    );
    const sent = await caller.call(CALL);
    expect(sent).toEqual({ providerMessageId: "CA123", acceptedAt: "2026-12-01T21:00:00.000Z" });
    const request = seen[0];
    expect(request?.url).toBe(`https://api.twilio.com/2010-04-01/Accounts/${TWILIO_SID}/Calls.json`);
    expect(request?.headers.get("authorization")).toBe(`Basic ${btoa(`${TWILIO_SID}:token`)}`);
    expect(request?.headers.get("i-twilio-idempotency-token")).toBe("auth-1.1");
    const form = new URLSearchParams(request?.body);
    expect(form.get("To")).toBe("+442071234567");
    expect(form.get("From")).toBe("+441234567890");
    expect(form.get("MachineDetection")).toBe("DetectMessageEnd");
    const twiml = form.get("Twiml") ?? "";
    expect(twiml).toContain('<Say voice="Polly.Amy" language="en-GB">4, 8, 2, 9, 1, 3.</Say>');
    expect(twiml).toContain("I repeat, 4, 8, 2, 9, 1, 3.");
    // Text is XML-escaped: a merchant name cannot inject TwiML verbs.
    expect(twiml).toContain("Acme &#38; Sons");
  });

  it("retries a 503 with the same idempotency token, so the phone rings once", async () => {
    const { fetcher, seen } = scriptedFetcher(
      new Response("busy", { status: 503 }),
      Response.json({ sid: "CA9" }, { status: 201 }),
    );
    const caller = new TwilioVoiceCaller(
      { accountSid: TWILIO_SID, authToken: "t", from: "+441234567890" },
      { fetcher, sleep: async () => {} },
    );
    await caller.call(CALL);
    expect(seen.map((r) => r.headers.get("i-twilio-idempotency-token"))).toEqual(["auth-1.1", "auth-1.1"]);
  });

  it("refuses a passcode that is not digits before any request", async () => {
    const { fetcher, seen } = scriptedFetcher(Response.json({ sid: "CA1" }));
    const caller = new TwilioVoiceCaller(
      { accountSid: TWILIO_SID, authToken: "t", from: "+441234567890" },
      { fetcher },
    );
    await expect(caller.call({ ...CALL, passcode: "12<Hangup/>" })).rejects.toThrow(/passcode/);
    expect(seen).toHaveLength(0);
  });
});

describe("SandboxPasscodeCaller", () => {
  it("records what the customer would hear, once per idempotency key", async () => {
    const outbox = new MemorySandboxOutbox();
    const caller = new SandboxPasscodeCaller(outbox);
    const first = await caller.call(CALL);
    const again = await caller.call(CALL);
    expect(again.providerMessageId).toBe(first.providerMessageId);
    const [message] = await outbox.list({ limit: 10 });
    expect(message).toMatchObject({ channel: "voice", to: "+442071234567" });
    expect(message?.body).toContain("4, 8, 2, 9, 1, 3.");
    expect(await outbox.list({ limit: 10 })).toHaveLength(1);
  });

  it("fails Twilio's magic invalid number like Twilio", async () => {
    const caller = new SandboxPasscodeCaller(new MemorySandboxOutbox());
    await expect(caller.call({ ...CALL, to: "+15005550001" })).rejects.toMatchObject({
      providerCode: "21211",
    });
  });
});
