import { describe, expect, it } from "vitest";
import {
  InvalidMessageError,
  ProviderError,
  TwilioMessageSender,
  UnsupportedChannelError,
} from "../src/index.ts";
import { recordedSleep, scriptedFetcher, TWILIO_SID } from "./support/scripted-fetcher.ts";

function sender(fetcher: ReturnType<typeof scriptedFetcher>["fetcher"]) {
  return new TwilioMessageSender(
    { accountSid: TWILIO_SID, authToken: "t", from: "+15005550006" },
    { fetcher, sleep: recordedSleep().sleep },
  );
}

describe("TwilioMessageSender refuses", () => {
  it("numbers that are not E.164, before any request", async () => {
    const { fetcher, seen } = scriptedFetcher(Response.json({ sid: "SM1" }));
    for (const to of ["07700900123", "+0447700900123", "+44 7700 900123", "+1234", "anna@example.org"]) {
      const error = await sender(fetcher)
        .send({ channel: "sms", to, body: "code", idempotencyKey: "k" })
        .catch((e: unknown) => e);
      expect(error, to).toBeInstanceOf(InvalidMessageError);
      expect((error as InvalidMessageError).issues).toEqual([
        { path: "to", message: expect.stringMatching(/E\.164/) },
      ]);
      expect((error as Error).message).not.toContain(to);
    }
    expect(seen).toHaveLength(0);
  });

  it("email, and voice without a caller id", async () => {
    const { fetcher, seen } = scriptedFetcher(Response.json({ sid: "SM1" }));
    await expect(
      sender(fetcher).send({
        channel: "email",
        to: "a@example.org",
        subject: "s",
        body: "b",
        idempotencyKey: "k",
      }),
    ).rejects.toBeInstanceOf(UnsupportedChannelError);
    const smsOnly = new TwilioMessageSender(
      { accountSid: TWILIO_SID, authToken: "t", messagingServiceSid: `MG${"0".repeat(32)}` },
      { fetcher },
    );
    await expect(
      smsOnly.send({ channel: "voice", to: "+442079460000", body: "1 2 3", idempotencyKey: "k" }),
    ).rejects.toThrow("twilio does not send voice messages");
    expect(seen).toHaveLength(0);
  });

  it("a config without a sender or with a malformed SID, without echoing secrets", () => {
    expect(() => new TwilioMessageSender({ accountSid: TWILIO_SID, authToken: "t" })).toThrow(
      /from or messagingServiceSid/,
    );
    const error = (() => {
      try {
        new TwilioMessageSender({
          accountSid: "AC-not-a-sid",
          authToken: "very-secret-token",
          from: "+15005550006",
        });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.message).toMatch(/Account SID/);
    expect(error?.message).not.toContain("very-secret-token");
  });
});

describe("TwilioMessageSender reports Twilio's errors", () => {
  it("as an http ProviderError with Twilio's code, without the number Twilio echoes", async () => {
    const { fetcher, seen } = scriptedFetcher(
      Response.json(
        {
          code: 21211,
          message: "The 'To' number +447700900123 is not a valid phone number.",
          more_info: "https://www.twilio.com/docs/errors/21211",
          status: 400,
        },
        { status: 400 },
      ),
    );
    const error = await sender(fetcher)
      .send({ channel: "sms", to: "+447700900123", body: "Your code is 111222", idempotencyKey: "k" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({
      provider: "twilio",
      kind: "http",
      status: 400,
      providerCode: "21211",
      retryable: false,
    });
    expect((error as Error).message).not.toMatch(/447700900123|111222/);
    expect(seen).toHaveLength(1);
  });

  it("as a retryable error when Twilio stays unavailable", async () => {
    const { fetcher, seen } = scriptedFetcher(
      Response.json({ code: 20500, message: "Internal Server Error" }, { status: 500 }),
    );
    await expect(
      sender(fetcher).send({ channel: "sms", to: "+447700900123", body: "x", idempotencyKey: "k" }),
    ).rejects.toMatchObject({ kind: "http", status: 500, providerCode: "20500", retryable: true });
    expect(seen).toHaveLength(3);
  });

  it("as invalid_response when a 2xx has no sid", async () => {
    const { fetcher } = scriptedFetcher(Response.json({ status: "queued" }, { status: 201 }));
    await expect(
      sender(fetcher).send({ channel: "sms", to: "+447700900123", body: "x", idempotencyKey: "k" }),
    ).rejects.toMatchObject({ kind: "invalid_response" });
  });
});
