import { describe, expect, it } from "vitest";
import { InvalidMessageError, PostmarkEmailSender, UnsupportedChannelError } from "../src/index.ts";
import { recordedSleep, scriptedFetcher } from "./support/scripted-fetcher.ts";

describe("PostmarkEmailSender", () => {
  it("reports Postmark's error code, and never retries a send (Postmark has no idempotency key)", async () => {
    const { fetcher, seen } = scriptedFetcher(
      Response.json(
        {
          ErrorCode: 406,
          Message: "You tried to send to recipient(s) that have been marked as inactive: anna@example.org",
        },
        { status: 422 },
      ),
    );
    const sender = new PostmarkEmailSender({ serverToken: "t", from: "otp@example.com" }, { fetcher });
    const error = await sender
      .send({ channel: "email", to: "anna@example.org", subject: "s", body: "b", idempotencyKey: "k" })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ provider: "postmark", kind: "http", status: 422, providerCode: "406" });
    expect((error as Error).message).not.toContain("anna@example.org");

    const busy = scriptedFetcher(new Response("", { status: 503 }), Response.json({}));
    const again = new PostmarkEmailSender(
      { serverToken: "t", from: "otp@example.com" },
      { fetcher: busy.fetcher, sleep: recordedSleep().sleep },
    );
    await expect(
      again.send({ channel: "email", to: "anna@example.org", subject: "s", body: "b", idempotencyKey: "k" }),
    ).rejects.toMatchObject({ kind: "http", status: 503, retryable: true });
    expect(busy.seen).toHaveLength(1);
    expect(seen).toHaveLength(1);
  });

  it("refuses bad addresses, a missing subject and other channels before any request", async () => {
    const { fetcher, seen } = scriptedFetcher(Response.json({}));
    const sender = new PostmarkEmailSender({ serverToken: "t", from: "otp@example.com" }, { fetcher });
    await expect(
      sender.send({ channel: "email", to: "not-an-email", subject: "s", body: "b", idempotencyKey: "k" }),
    ).rejects.toBeInstanceOf(InvalidMessageError);
    const noSubject = { channel: "email", to: "anna@example.org", body: "b", idempotencyKey: "k" };
    const error = await sender.send(noSubject as never).catch((e: unknown) => e);
    expect((error as InvalidMessageError).issues.map((issue) => issue.path)).toEqual(["subject"]);
    await expect(
      sender.send({ channel: "sms", to: "+447700900123", body: "b", idempotencyKey: "k" }),
    ).rejects.toBeInstanceOf(UnsupportedChannelError);
    expect(seen).toHaveLength(0);
  });
});
