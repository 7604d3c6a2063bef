import type { MessageChannel } from "./message-sender.ts";

/** A message the sandbox "sent". `body` holds the passcode: store it encrypted. */
export interface SandboxMessage {
  /** Also the SentMessage.providerMessageId, e.g. "sbx_msg_…". */
  id: string;
  channel: MessageChannel;
  to: string;
  /** Email only; null for sms and voice. */
  subject: string | null;
  body: string;
  idempotencyKey: string;
  /** ISO 8601. */
  createdAt: string;
}

export interface SandboxOutboxQuery {
  /** Only messages to this exact recipient (E.164 number or email address). */
  to?: string;
  /** At most this many, newest first. */
  limit: number;
}

/**
 * Where test-mode messages go instead of a phone or inbox, so a developer (through a dev-only route) or a
 * test can read the code that was "sent". Apps implement it over their own storage; the contract:
 *
 * - An outbox instance is scoped by whoever builds it (e.g. `new D1SandboxOutbox(db, cipher, partnerId)`):
 *   `list` never returns another partner's messages.
 * - `record` is idempotent on `idempotencyKey` within that scope: the first message stored under a key
 *   wins, and recording the key again returns the stored message unchanged (D1: a UNIQUE index on
 *   (partner_id, idempotency_key) with `INSERT … ON CONFLICT DO NOTHING`, then select; a Durable Object:
 *   look up, then insert, inside one request so it is serialised).
 * - `list` returns newest first (ties broken by insertion order), filtered by exact `to`, at most `limit`.
 * - `body` (and `to`) are personal data: encrypt them at rest with AAD bound to the row (e.g.
 *   `"sandbox_outbox.body:" + id`), and delete rows after a short retention (e.g. 24 hours). Serve `list`
 *   only on routes that exist in development or for test-mode keys.
 */
export interface SandboxOutbox {
  record(message: SandboxMessage): Promise<SandboxMessage>;
  list(query: SandboxOutboxQuery): Promise<SandboxMessage[]>;
}

/** The contract in memory, for tests and single-process tools. Keeps the newest `capacity` messages. */
export class MemorySandboxOutbox implements SandboxOutbox {
  private readonly messages: SandboxMessage[] = [];
  private readonly capacity: number;

  constructor(options: { capacity?: number } = {}) {
    this.capacity = options.capacity ?? 1000;
  }

  async record(message: SandboxMessage): Promise<SandboxMessage> {
    const existing = this.messages.find((stored) => stored.idempotencyKey === message.idempotencyKey);
    if (existing) return { ...existing };
    this.messages.push({ ...message });
    if (this.messages.length > this.capacity) this.messages.shift();
    return { ...message };
  }

  async list(query: SandboxOutboxQuery): Promise<SandboxMessage[]> {
    const limit = Math.max(0, Math.floor(query.limit));
    const matching: SandboxMessage[] = [];
    for (let i = this.messages.length - 1; i >= 0 && matching.length < limit; i--) {
      const message = this.messages[i] as SandboxMessage;
      if (query.to === undefined || message.to === query.to) matching.push({ ...message });
    }
    return matching;
  }
}
