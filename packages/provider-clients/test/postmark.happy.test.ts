import { describe, expect, it } from "vitest";
import { PostmarkEmailSender } from "../src/index.ts";
import { scriptedFetcher } from "./support/scripted-fetcher.ts";

describe("PostmarkEmailSender", () => {
  it("posts the email as JSON with the server token, the stream and the idempotency key as metadata", async () => {
    const { fetcher, seen } = scriptedFetcher(
      Response.json({
        To: "anna@example.org",
        SubmittedAt: "2026-11-22T12:00:00.1234567Z",
        MessageID: "b7bc2f4a-e38e-4336-af7d-e6c392c2f817",
        ErrorCode: 0,
        Message: "OK",
      }),
    );
    const sender = new PostmarkEmailSender(
      { serverToken: "pm-server-token", from: "EdgeKYC <otp@example.com>", tag: "otp" },
      { fetcher },
    );
    const sent = await sender.send({
      channel: "email",
      to: "anna@example.org",
      subject: "Your code",
      body: "Your code is 482913",
      idempotencyKey: "otp:app_1:2",
    });
    expect(sent).toEqual({
      providerMessageId: "b7bc2f4a-e38e-4336-af7d-e6c392c2f817",
      acceptedAt: "2026-11-22T12:00:00.123Z",
    });
    const [request] = seen;
    expect(request?.method).toBe("POST");
    expect(request?.url).toBe("https://api.postmarkapp.com/email");
    expect(request?.headers.get("x-postmark-server-token")).toBe("pm-server-token");
    expect(request?.headers.get("accept")).toBe("application/json");
    expect(JSON.parse(request?.body ?? "")).toEqual({
      From: "EdgeKYC <otp@example.com>",
      To: "anna@example.org",
      Subject: "Your code",
      TextBody: "Your code is 482913",
      MessageStream: "outbound",
      Tag: "otp",
      Metadata: { idempotencyKey: "otp:app_1:2" },
    });
  });
});
