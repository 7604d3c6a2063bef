import { expectJson, resilientFetch } from "../http/resilient-fetch.ts";
import { type MessageSender, OutgoingMessage, type SentMessage } from "./message-sender.ts";

export interface PostmarkConfig {
  serverToken: string;
  from: string;
  baseUrl?: string;
  fetcher?: typeof fetch;
}

/**
 * Postmark's email API (POST /email). Postmark has no idempotency header, so a send is not retried
 * after the request may have reached it (only timeouts before an answer are surfaced to the caller).
 */
export class PostmarkEmailSender implements MessageSender {
  constructor(private readonly config: PostmarkConfig) {}

  async send(input: OutgoingMessage): Promise<SentMessage> {
    const message = OutgoingMessage.parse(input);
    if (message.channel !== "email") throw new Error("Postmark sends email only");
    const response = await resilientFetch(
      `${this.config.baseUrl ?? "https://api.postmarkapp.com"}/email`,
      {
        method: "POST",
        headers: {
          accept: "application/json",
          "content-type": "application/json",
          "x-postmark-server-token": this.config.serverToken,
        },
        body: JSON.stringify({
          From: this.config.from,
          To: message.to,
          Subject: message.subject,
          TextBody: message.body,
          MessageStream: "outbound",
          Metadata: { idempotencyKey: message.idempotencyKey },
        }),
      },
      { provider: "postmark", ...(this.config.fetcher ? { fetcher: this.config.fetcher } : {}) },
    );
    const body = await expectJson<{ MessageID: string; SubmittedAt: string }>("postmark", response);
    return { providerMessageId: body.MessageID, acceptedAt: body.SubmittedAt };
  }
}
