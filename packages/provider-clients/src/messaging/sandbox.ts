import { type MessageSender, OutgoingMessage, type SentMessage } from "./message-sender.ts";

export interface RecordedMessage {
  id: string;
  channel: OutgoingMessage["channel"];
  to: string;
  subject: string | null;
  body: string;
  idempotencyKey: string;
  sentAt: string;
}

/**
 * Where the sandbox keeps what it "sent", so a developer (or a test) can read the OTP. Apps implement it
 * over their own storage (D1 or a Durable Object, with the body encrypted); `MemoryOutbox` is for tests.
 */
export interface SandboxOutbox {
  /** Stores the message unless one with the same idempotency key exists; returns the stored one. */
  record(message: RecordedMessage): Promise<RecordedMessage>;
  list(filter: { to?: string; limit: number }): Promise<RecordedMessage[]>;
}

export class MemoryOutbox implements SandboxOutbox {
  private readonly messages: RecordedMessage[] = [];

  async record(message: RecordedMessage): Promise<RecordedMessage> {
    const existing = this.messages.find((m) => m.idempotencyKey === message.idempotencyKey);
    if (existing) return existing;
    this.messages.push(message);
    return message;
  }

  async list(filter: { to?: string; limit: number }): Promise<RecordedMessage[]> {
    return this.messages
      .filter((m) => filter.to === undefined || m.to === filter.to)
      .slice(-filter.limit)
      .reverse();
  }
}

/** The test-mode sender: validates exactly like the real ones, then records instead of sending. */
export class SandboxMessageSender implements MessageSender {
  constructor(private readonly outbox: SandboxOutbox) {}

  async send(input: OutgoingMessage): Promise<SentMessage> {
    const message = OutgoingMessage.parse(input);
    const stored = await this.outbox.record({
      id: `sbx_${crypto.randomUUID()}`,
      channel: message.channel,
      to: message.to,
      subject: message.channel === "email" ? message.subject : null,
      body: message.body,
      idempotencyKey: message.idempotencyKey,
      sentAt: new Date().toISOString(),
    });
    return { providerMessageId: stored.id, acceptedAt: stored.sentAt };
  }
}
