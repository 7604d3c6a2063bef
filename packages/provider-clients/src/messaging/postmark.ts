import { z } from "zod";
import { readProviderJson } from "../http/provider-response.ts";
import { type FetchFn, type ResilientFetchOptions, resilientFetch } from "../http/resilient-fetch.ts";
import {
  acceptMessage,
  type MessageChannel,
  type MessageSender,
  type OutboundMessage,
  type SentMessage,
} from "./message-sender.ts";

export const PostmarkConfig = z.strictObject({
  /** Server API token (header X-Postmark-Server-Token). */
  serverToken: z.string().min(1),
  /** A confirmed sender signature, e.g. "EdgeKYC <otp@example.com>". */
  from: z.string().min(3).max(255),
  /** Transactional stream; "outbound" is every server's default one. */
  messageStream: z.string().min(1).max(100).default("outbound"),
  /** Tag shown in Postmark's activity, e.g. "otp". */
  tag: z.string().max(1000).optional(),
  baseUrl: z.url({ protocol: /^https?$/ }).default("https://api.postmarkapp.com"),
});
export type PostmarkConfig = z.input<typeof PostmarkConfig>;

export type PostmarkHttpOptions = Pick<ResilientFetchOptions, "timeoutMs" | "sleep"> & { fetcher?: FetchFn };

const PostmarkSent = z.object({
  MessageID: z.string().min(1),
  SubmittedAt: z.string().min(1),
  ErrorCode: z.literal(0),
});

function postmarkErrorCode(body: unknown): number | null {
  const code = (body as { ErrorCode?: unknown } | null)?.ErrorCode;
  return typeof code === "number" ? code : null;
}

/**
 * Email through Postmark's single-message API, `POST /email` (JSON, X-Postmark-Server-Token). Chosen
 * because it answers synchronously with a message id and a submission time, and its errors carry stable
 * numeric codes (e.g. 406 inactive recipient, 300 invalid request).
 *
 * Postmark has no idempotency key, so a send is made once and never retried here (a retry after a
 * timeout could deliver a second email); the idempotency key goes in Metadata so the activity log can
 * be matched to our records. Callers that need another try do it at their own level (e.g. a queue).
 */
export class PostmarkEmailSender implements MessageSender {
  readonly provider = "postmark";
  readonly channels: readonly MessageChannel[] = ["email"];
  private readonly config: z.output<typeof PostmarkConfig>;
  private readonly http: PostmarkHttpOptions;

  constructor(config: PostmarkConfig, http: PostmarkHttpOptions = {}) {
    this.config = PostmarkConfig.parse(config);
    this.http = http;
  }

  async send(input: OutboundMessage): Promise<SentMessage> {
    const message = acceptMessage(this, input);
    if (message.channel !== "email") throw new Error("unreachable: channels is email only");
    const request = new Request(`${this.config.baseUrl.replace(/\/+$/, "")}/email`, {
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
        MessageStream: this.config.messageStream,
        ...(this.config.tag ? { Tag: this.config.tag } : {}),
        Metadata: { idempotencyKey: message.idempotencyKey },
      }),
    });
    const response = await resilientFetch(request, { ...this.http, provider: this.provider });
    const sent = await readProviderJson(response, {
      provider: this.provider,
      schema: PostmarkSent,
      errorCode: postmarkErrorCode,
    });
    const submitted = Date.parse(sent.SubmittedAt);
    return {
      providerMessageId: sent.MessageID,
      acceptedAt: new Date(Number.isNaN(submitted) ? Date.now() : submitted).toISOString(),
    };
  }
}
