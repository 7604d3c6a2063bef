import { describe, expect, it } from "vitest";
import {
  ChannelRouter,
  MemorySandboxOutbox,
  type MessageSender,
  PostmarkEmailSender,
  providerTarget,
  SandboxMessageSender,
  selectProvider,
  TwilioMessageSender,
} from "../src/index.ts";
import { scriptedFetcher, TWILIO_SID } from "./support/scripted-fetcher.ts";

const clock = () => {
  let t = Date.parse("2026-11-22T10:00:00Z");
  return () => {
    t += 1000;
    return new Date(t);
  };
};

describe("SandboxMessageSender", () => {
  it("records every channel in the outbox instead of sending", async () => {
    const outbox = new MemorySandboxOutbox();
    const sender = new SandboxMessageSender(outbox, { now: clock() });
    const sms = await sender.send({
      channel: "sms",
      to: "+447700900123",
      body: "Code 111111",
      idempotencyKey: "a",
    });
    await sender.send({ channel: "voice", to: "+442079460000", body: "1 1 1", idempotencyKey: "b" });
    await sender.send({
      channel: "email",
      to: "anna@example.org",
      subject: "Code",
      body: "222222",
      idempotencyKey: "c",
    });
    expect(sms.providerMessageId).toMatch(/^sbx_msg_[0-9a-f]{32}$/);
    expect(sms.acceptedAt).toBe("2026-11-22T10:00:01.000Z");
    const all = await outbox.list({ limit: 10 });
    expect(all.map((m) => [m.channel, m.to, m.subject, m.body])).toEqual([
      ["email", "anna@example.org", "Code", "222222"],
      ["voice", "+442079460000", null, "1 1 1"],
      ["sms", "+447700900123", null, "Code 111111"],
    ]);
    expect(all[2]).toEqual({
      id: sms.providerMessageId,
      channel: "sms",
      to: "+447700900123",
      subject: null,
      body: "Code 111111",
      idempotencyKey: "a",
      createdAt: "2026-11-22T10:00:01.000Z",
    });
  });

  it("records a message once per idempotency key, returning the first result again", async () => {
    const outbox = new MemorySandboxOutbox();
    const sender = new SandboxMessageSender(outbox);
    const first = await sender.send({
      channel: "sms",
      to: "+447700900123",
      body: "Code 1",
      idempotencyKey: "same",
    });
    const again = await sender.send({
      channel: "sms",
      to: "+447700900123",
      body: "Code 2",
      idempotencyKey: "same",
    });
    expect(again).toEqual(first);
    expect((await outbox.list({ limit: 10 })).map((m) => m.body)).toEqual(["Code 1"]);
  });

  it("lists newest first, by recipient, up to the limit", async () => {
    const outbox = new MemorySandboxOutbox();
    const sender = new SandboxMessageSender(outbox);
    for (const [i, to] of ["+447700900001", "+447700900002", "+447700900001", "+447700900001"].entries()) {
      await sender.send({ channel: "sms", to, body: `Code ${i}`, idempotencyKey: `k${i}` });
    }
    expect((await outbox.list({ to: "+447700900001", limit: 2 })).map((m) => m.body)).toEqual([
      "Code 3",
      "Code 2",
    ]);
    expect((await outbox.list({ to: "+447700900002", limit: 10 })).map((m) => m.body)).toEqual(["Code 1"]);
    expect(await outbox.list({ to: "+447700900009", limit: 10 })).toEqual([]);
    expect(await outbox.list({ limit: 0 })).toEqual([]);
  });

  it("keeps only the newest messages past its capacity", async () => {
    const outbox = new MemorySandboxOutbox({ capacity: 2 });
    const sender = new SandboxMessageSender(outbox);
    for (const i of [1, 2, 3]) {
      await sender.send({ channel: "sms", to: "+447700900123", body: `Code ${i}`, idempotencyKey: `k${i}` });
    }
    expect((await outbox.list({ limit: 10 })).map((m) => m.body)).toEqual(["Code 3", "Code 2"]);
  });
});

describe("selectProvider", () => {
  const outbox = new MemorySandboxOutbox();
  const choose = (mode: "test" | "live") =>
    selectProvider<MessageSender>({
      mode,
      real: () => new TwilioMessageSender({ accountSid: TWILIO_SID, authToken: "t", from: "+15005550006" }),
      sandbox: () => new SandboxMessageSender(outbox),
    });

  it("gives test mode the sandbox and live mode the real provider", () => {
    expect(choose("test").provider).toBe("sandbox");
    expect(choose("live").provider).toBe("twilio");
    expect(providerTarget("test")).toBe("sandbox");
    expect(providerTarget("live")).toBe("real");
  });

  it("never builds the real client for test mode, and fails safe on an unknown mode", () => {
    let built = 0;
    const real = () => {
      built++;
      return new SandboxMessageSender(outbox);
    };
    selectProvider({ mode: "test", real, sandbox: () => new SandboxMessageSender(outbox) });
    selectProvider({ mode: "LIVE" as "live", real, sandbox: () => new SandboxMessageSender(outbox) });
    expect(built).toBe(0);
  });
});

describe("ChannelRouter", () => {
  it("sends each channel through its provider", async () => {
    const twilio = scriptedFetcher(Response.json({ sid: "SM1" }, { status: 201 }));
    const postmark = scriptedFetcher(
      Response.json({ MessageID: "pm-1", SubmittedAt: "2026-11-22T12:00:00Z", ErrorCode: 0, Message: "OK" }),
    );
    const router = new ChannelRouter({
      sms: new TwilioMessageSender(
        { accountSid: TWILIO_SID, authToken: "t", from: "+15005550006" },
        { fetcher: twilio.fetcher },
      ),
      email: new PostmarkEmailSender(
        { serverToken: "t", from: "otp@example.com" },
        { fetcher: postmark.fetcher },
      ),
    });
    expect(router.provider).toBe("twilio+postmark");
    expect(router.channels).toEqual(["sms", "email"]);
    expect(
      (await router.send({ channel: "sms", to: "+447700900123", body: "x", idempotencyKey: "a" }))
        .providerMessageId,
    ).toBe("SM1");
    expect(
      (
        await router.send({
          channel: "email",
          to: "a@example.org",
          subject: "s",
          body: "x",
          idempotencyKey: "b",
        })
      ).providerMessageId,
    ).toBe("pm-1");
    expect(twilio.seen).toHaveLength(1);
    expect(postmark.seen).toHaveLength(1);
  });
});
