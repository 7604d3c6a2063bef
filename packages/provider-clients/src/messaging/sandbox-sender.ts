import { ProviderError } from "../http/provider-error.ts";
import {
  acceptMessage,
  MESSAGE_CHANNELS,
  type MessageChannel,
  type MessageSender,
  type OutboundMessage,
  type SentMessage,
} from "./message-sender.ts";
import type { SandboxOutbox } from "./sandbox-outbox.ts";

/**
 * Recipients the sandbox refuses the way a real provider would, so failure paths can be exercised end to
 * end in test mode: the provider code each one answers with (Twilio's test-credential magic numbers,
 * Postmark's inactive-recipient error). Nothing is recorded for them.
 */
export const SANDBOX_REJECTED_RECIPIENTS: Readonly<Record<string, { status: number; providerCode: string }>> =
  {
    /** Twilio 21211: invalid 'To' phone number. */
    "+15005550001": { status: 400, providerCode: "21211" },
    /** Twilio 21614: 'To' number is not a valid mobile number (SMS to a landline). */
    "+15005550009": { status: 400, providerCode: "21614" },
    /** Postmark 406: inactive recipient (hard bounce or spam complaint earlier). */
    "inactive@sandbox.edgekyc.dev": { status: 422, providerCode: "406" },
  };

/**
 * The test-mode sender: validates exactly like the real senders, then records the message in the outbox
 * instead of sending it. The outbox's idempotency makes a repeated send return the first result, as
 * Twilio's idempotency token does.
 */
export class SandboxMessageSender implements MessageSender {
  readonly provider = "sandbox";
  readonly channels: readonly MessageChannel[] = MESSAGE_CHANNELS;
  private readonly outbox: SandboxOutbox;
  private readonly now: () => Date;

  constructor(outbox: SandboxOutbox, options: { now?: () => Date } = {}) {
    this.outbox = outbox;
    this.now = options.now ?? (() => new Date());
  }

  async send(input: OutboundMessage): Promise<SentMessage> {
    const message = acceptMessage(this, input);
    const rejection = SANDBOX_REJECTED_RECIPIENTS[message.to];
    if (rejection) {
      throw new ProviderError({ provider: this.provider, kind: "http", retryable: false, ...rejection });
    }
    const stored = await this.outbox.record({
      id: `sbx_msg_${crypto.randomUUID().replaceAll("-", "")}`,
      channel: message.channel,
      to: message.to,
      subject: message.channel === "email" ? message.subject : null,
      body: message.body,
      idempotencyKey: message.idempotencyKey,
      createdAt: this.now().toISOString(),
    });
    return { providerMessageId: stored.id, acceptedAt: stored.createdAt };
  }
}
