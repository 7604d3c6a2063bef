import { describe, expect, it } from "vitest";
import {
  MemoryOutbox,
  type MessageSender,
  PostmarkEmailSender,
  SandboxMessageSender,
  selectProvider,
  TwilioMessageSender,
} from "../src/index.ts";

function recorder(reply: () => Response) {
  const calls: Request[] = [];
  const fetcher: typeof fetch = async (input, init) => {
    calls.push(new Request(input, init));
    return reply();
  };
  return { fetcher, calls };
}

describe("Twilio", () => {
  it("posts a form with Basic auth and Twilio's idempotency token", async () => {
    const { fetcher, calls } = recorder(() => Response.json({ sid: "SM123" }, { status: 201 }));
    const sender = new TwilioMessageSender({
      accountSid: "AC1",
      authToken: "tok",
      from: "+15005550006",
      fetcher,
    });
    const sent = await sender.send({
      channel: "sms",
      to: "+447700900123",
      body: "Your code is 123456",
      idempotencyKey: "k1",
    });
    expect(sent.providerMessageId).toBe("SM123");
    const [call] = calls;
    expect(call?.url).toBe("https://api.twilio.com/2010-04-01/Accounts/AC1/Messages.json");
    expect(call?.headers.get("authorization")).toBe(`Basic ${btoa("AC1:tok")}`);
    expect(call?.headers.get("i-twilio-idempotency-token")).toBe("k1");
    const form = new URLSearchParams(await call?.text());
    expect(Object.fromEntries(form)).toEqual({
      To: "+447700900123",
      From: "+15005550006",
      Body: "Your code is 123456",
    });
  });

  it("reads the code in a voice call with escaped TwiML, and refuses a malformed number", async () => {
    const { fetcher, calls } = recorder(() => Response.json({ sid: "CA1" }, { status: 201 }));
    const sender = new TwilioMessageSender({
      accountSid: "AC1",
      authToken: "t",
      from: "+15005550006",
      fetcher,
    });
    await sender.send({ channel: "voice", to: "+442079460000", body: "1 2 3 <4>", idempotencyKey: "k2" });
    expect(calls[0]?.url).toContain("/Calls.json");
    expect(new URLSearchParams(await calls[0]?.text()).get("Twiml")).toContain("1 2 3 &#60;4&#62;");
    await expect(
      sender.send({ channel: "sms", to: "07700900123", body: "x", idempotencyKey: "k" }),
    ).rejects.toThrow(/E\.164/);
  });
});

describe("Postmark", () => {
  it("sends email with the server token", async () => {
    const { fetcher, calls } = recorder(() =>
      Response.json({ MessageID: "m-1", SubmittedAt: "2026-11-22T12:00:00Z" }),
    );
    const sender = new PostmarkEmailSender({ serverToken: "pm", from: "otp@example.com", fetcher });
    const sent = await sender.send({
      channel: "email",
      to: "anna@example.org",
      subject: "Code",
      body: "123456",
      idempotencyKey: "k",
    });
    expect(sent.providerMessageId).toBe("m-1");
    expect(calls[0]?.headers.get("x-postmark-server-token")).toBe("pm");
    expect(await calls[0]?.json()).toMatchObject({
      To: "anna@example.org",
      Subject: "Code",
      TextBody: "123456",
    });
  });
});

describe("the sandbox", () => {
  it("records instead of sending, once per idempotency key, and is chosen for test mode", async () => {
    const outbox = new MemoryOutbox();
    const sender = selectProvider<MessageSender>("test", {
      live: () => new TwilioMessageSender({ accountSid: "AC", authToken: "t", from: "+15005550006" }),
      sandbox: () => new SandboxMessageSender(outbox),
    });
    const first = await sender.send({
      channel: "sms",
      to: "+447700900123",
      body: "Code 111111",
      idempotencyKey: "a",
    });
    const again = await sender.send({
      channel: "sms",
      to: "+447700900123",
      body: "Code 111111",
      idempotencyKey: "a",
    });
    expect(again.providerMessageId).toBe(first.providerMessageId);
    expect(await outbox.list({ to: "+447700900123", limit: 10 })).toHaveLength(1);
    await expect(
      sender.send({ channel: "email", to: "not-an-email", subject: "s", body: "b", idempotencyKey: "b" }),
    ).rejects.toThrow();
  });
});
