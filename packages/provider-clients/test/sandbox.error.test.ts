import { describe, expect, it } from "vitest";
import {
  ChannelRouter,
  InvalidMessageError,
  MemorySandboxOutbox,
  PostmarkEmailSender,
  ProviderError,
  SandboxMessageSender,
  UnsupportedChannelError,
} from "../src/index.ts";

describe("SandboxMessageSender refuses", () => {
  it("what the real senders refuse, recording nothing", async () => {
    const outbox = new MemorySandboxOutbox();
    const sender = new SandboxMessageSender(outbox);
    const bad = [
      { channel: "sms", to: "07700900123", body: "x", idempotencyKey: "a" },
      { channel: "sms", to: "+447700900123", body: "", idempotencyKey: "b" },
      { channel: "sms", to: "+447700900123", body: "x", idempotencyKey: "has spaces" },
      { channel: "sms", to: "+447700900123", body: "x".repeat(1601), idempotencyKey: "c" },
      { channel: "email", to: "anna@", subject: "s", body: "x", idempotencyKey: "d" },
      { channel: "email", to: "anna@example.org", body: "x", idempotencyKey: "e" },
      { channel: "sms", to: "+447700900123", subject: "s", body: "x", idempotencyKey: "f" },
      { channel: "fax", to: "+447700900123", body: "x", idempotencyKey: "g" },
    ];
    for (const message of bad) {
      await expect(sender.send(message as never), JSON.stringify(message)).rejects.toBeInstanceOf(
        InvalidMessageError,
      );
    }
    expect(await outbox.list({ limit: 100 })).toEqual([]);
  });

  it("the magic recipients, the way Twilio and Postmark would", async () => {
    const outbox = new MemorySandboxOutbox();
    const sender = new SandboxMessageSender(outbox);
    await expect(
      sender.send({ channel: "sms", to: "+15005550001", body: "x", idempotencyKey: "a" }),
    ).rejects.toMatchObject({
      provider: "sandbox",
      kind: "http",
      status: 400,
      providerCode: "21211",
      retryable: false,
    });
    const error = await sender
      .send({
        channel: "email",
        to: "inactive@sandbox.edgekyc.dev",
        subject: "s",
        body: "x",
        idempotencyKey: "b",
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ status: 422, providerCode: "406" });
    expect(await outbox.list({ limit: 100 })).toEqual([]);
  });
});

describe("ChannelRouter refuses", () => {
  it("a route to a sender that does not deliver the channel, and channels it has no route for", async () => {
    const postmark = new PostmarkEmailSender({ serverToken: "t", from: "otp@example.com" });
    expect(() => new ChannelRouter({ sms: postmark })).toThrow(UnsupportedChannelError);
    const emailOnly = new ChannelRouter({ email: postmark });
    await expect(
      emailOnly.send({ channel: "voice", to: "+442079460000", body: "1 2 3", idempotencyKey: "k" }),
    ).rejects.toBeInstanceOf(UnsupportedChannelError);
  });
});
