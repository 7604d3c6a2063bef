import type { Cipher } from "@edgekyc/platform";
import type { SandboxMessage, SandboxOutbox, SandboxOutboxQuery } from "@edgekyc/provider-clients";
import { and, desc, eq, lt } from "drizzle-orm";
import type { DrizzleD1Database } from "drizzle-orm/d1";
import { sandboxOutbox } from "../db/schema.ts";
import type { BlindIndex } from "./blind-index.ts";

/** Sandbox messages are personal data with codes in them: they are kept for a day only. */
const OUTBOX_RETENTION_MS = 24 * 60 * 60 * 1000;

const aad = (partnerId: string, id: string, field: string) =>
  `ekyc.sandbox_outbox.${field}:${partnerId}:${id}`;

/** The sandbox outbox over this app's D1, scoped to one partner (the SandboxOutbox contract). */
export class D1SandboxOutbox implements SandboxOutbox {
  constructor(
    private readonly db: DrizzleD1Database<Record<string, unknown>>,
    private readonly cipher: Cipher,
    private readonly recipients: BlindIndex,
    private readonly partnerId: string,
  ) {}

  async record(message: SandboxMessage): Promise<SandboxMessage> {
    const createdAt = Date.parse(message.createdAt);
    await this.db.delete(sandboxOutbox).where(lt(sandboxOutbox.createdAt, createdAt - OUTBOX_RETENTION_MS));
    await this.db
      .insert(sandboxOutbox)
      .values({
        id: message.id,
        partnerId: this.partnerId,
        channel: message.channel,
        toHash: this.recipients.of(message.to),
        toCiphertext: await this.cipher.encryptText(message.to, aad(this.partnerId, message.id, "to")),
        subject: message.subject,
        bodyCiphertext: await this.cipher.encryptText(message.body, aad(this.partnerId, message.id, "body")),
        idempotencyKey: message.idempotencyKey,
        createdAt,
      })
      .onConflictDoNothing();
    const [row] = await this.db
      .select()
      .from(sandboxOutbox)
      .where(
        and(
          eq(sandboxOutbox.partnerId, this.partnerId),
          eq(sandboxOutbox.idempotencyKey, message.idempotencyKey),
        ),
      );
    if (!row) throw new Error("sandbox outbox row missing after insert");
    return this.open(row);
  }

  async list(query: SandboxOutboxQuery): Promise<SandboxMessage[]> {
    const rows = await this.db
      .select()
      .from(sandboxOutbox)
      .where(
        query.to === undefined
          ? eq(sandboxOutbox.partnerId, this.partnerId)
          : and(
              eq(sandboxOutbox.partnerId, this.partnerId),
              eq(sandboxOutbox.toHash, this.recipients.of(query.to)),
            ),
      )
      .orderBy(desc(sandboxOutbox.seq))
      .limit(Math.max(0, Math.floor(query.limit)));
    return Promise.all(rows.map((row) => this.open(row)));
  }

  private async open(row: typeof sandboxOutbox.$inferSelect): Promise<SandboxMessage> {
    return {
      id: row.id,
      channel: row.channel,
      to: await this.cipher.decryptText(row.toCiphertext, aad(this.partnerId, row.id, "to")),
      subject: row.subject,
      body: await this.cipher.decryptText(row.bodyCiphertext, aad(this.partnerId, row.id, "body")),
      idempotencyKey: row.idempotencyKey,
      createdAt: new Date(row.createdAt).toISOString(),
    };
  }
}
