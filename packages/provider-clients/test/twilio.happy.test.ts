import { describe, expect, it } from "vitest";
import { TwilioMessageSender } from "../src/index.ts";
import { recordedSleep, scriptedFetcher, TWILIO_SERVICE, TWILIO_SID } from "./support/scripted-fetcher.ts";

const created = (sid: string) =>
  Response.json({ sid, status: "queued", date_created: "Thu, 30 Jul 2026 20:12:31 +0000" }, { status: 201 });

describe("TwilioMessageSender", () => {
  it("sends an SMS as a form POST to Messages.json with Basic auth and the idempotency token", async () => {
    const { fetcher, seen } = scriptedFetcher(created("SM0123"));
    const sender = new TwilioMessageSender(
      { accountSid: TWILIO_SID, authToken: "secret-token", from: "+15005550006" },
      { fetcher },
    );
    const sent = await sender.send({
      channel: "sms",
      to: "+447700900123",
      body: "Your EdgeKYC code is 482913",
      idempotencyKey: "otp:app_1:1",
    });
    expect(sent).toEqual({ providerMessageId: "SM0123", acceptedAt: "2026-07-30T20:12:31.000Z" });
    expect(seen).toHaveLength(1);
    const [request] = seen;
    expect(request?.method).toBe("POST");
    expect(request?.url).toBe(`https://api.twilio.com/2010-04-01/Accounts/${TWILIO_SID}/Messages.json`);
    expect(request?.headers.get("authorization")).toBe(`Basic ${btoa(`${TWILIO_SID}:secret-token`)}`);
    expect(request?.headers.get("content-type")).toBe("application/x-www-form-urlencoded");
    expect(request?.headers.get("i-twilio-idempotency-token")).toBe("otp:app_1:1");
    expect(Object.fromEntries(new URLSearchParams(request?.body))).toEqual({
      To: "+447700900123",
      From: "+15005550006",
      Body: "Your EdgeKYC code is 482913",
    });
  });

  it("uses a Messaging Service for SMS when configured, and a custom base URL", async () => {
    const { fetcher, seen } = scriptedFetcher(created("SM9"));
    const sender = new TwilioMessageSender(
      {
        accountSid: TWILIO_SID,
        authToken: "t",
        messagingServiceSid: TWILIO_SERVICE,
        baseUrl: "http://127.0.0.1:9999/twilio/",
      },
      { fetcher },
    );
    expect(sender.channels).toEqual(["sms"]);
    await sender.send({ channel: "sms", to: "+447700900123", body: "code 1", idempotencyKey: "k" });
    expect(seen[0]?.url).toBe(`http://127.0.0.1:9999/twilio/2010-04-01/Accounts/${TWILIO_SID}/Messages.json`);
    expect(Object.fromEntries(new URLSearchParams(seen[0]?.body))).toEqual({
      To: "+447700900123",
      MessagingServiceSid: TWILIO_SERVICE,
      Body: "code 1",
    });
  });

  it("places a voice call through Calls.json with TwiML that reads the text twice, escaped", async () => {
    const { fetcher, seen } = scriptedFetcher(created("CA77"));
    const sender = new TwilioMessageSender(
      {
        accountSid: TWILIO_SID,
        authToken: "t",
        from: "+15005550006",
        voice: { language: "en-GB", voice: "Polly.Amy" },
      },
      { fetcher },
    );
    const sent = await sender.send({
      channel: "voice",
      to: "+442079460000",
      body: "Your code is 4 8 2 <9> & 1 3",
      idempotencyKey: "call-1",
    });
    expect(sent.providerMessageId).toBe("CA77");
    expect(seen[0]?.url).toBe(`https://api.twilio.com/2010-04-01/Accounts/${TWILIO_SID}/Calls.json`);
    expect(seen[0]?.headers.get("i-twilio-idempotency-token")).toBe("call-1");
    const form = new URLSearchParams(seen[0]?.body);
    expect(form.get("To")).toBe("+442079460000");
    expect(form.get("From")).toBe("+15005550006");
    const say = '<Say voice="Polly.Amy" language="en-GB">Your code is 4 8 2 &#60;9&#62; &#38; 1 3</Say>';
    expect(form.get("Twiml")).toBe(`<Response>${say}<Pause length="1"/>${say}</Response>`);
  });

  it("retries a 503 with the same idempotency token, so Twilio sends the message once", async () => {
    const { fetcher, seen } = scriptedFetcher(new Response("", { status: 503 }), created("SM2"));
    const sender = new TwilioMessageSender(
      { accountSid: TWILIO_SID, authToken: "t", from: "+15005550006" },
      { fetcher, sleep: recordedSleep().sleep },
    );
    const sent = await sender.send({
      channel: "sms",
      to: "+447700900123",
      body: "x",
      idempotencyKey: "same",
    });
    expect(sent.providerMessageId).toBe("SM2");
    expect(seen.map((r) => r.headers.get("i-twilio-idempotency-token"))).toEqual(["same", "same"]);
    expect(seen[0]?.body).toBe(seen[1]?.body);
  });
});
