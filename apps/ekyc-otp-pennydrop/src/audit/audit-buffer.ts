import { createLogger } from "@edgekyc/platform";
import { drizzle } from "drizzle-orm/d1";
import { auditEvents } from "../db/schema.ts";

export type AuditRow = typeof auditEvents.$inferInsert;

/** What one copy left: nothing, more than it may copy at once, or everything (it failed). */
type CopyOutcome = "done" | "more" | "failed";

const PREFIX = "audit/";
/** Rows wait at most this long in the object before the alarm copies them to D1 (one batch for many). */
const AUDIT_FLUSH_DELAY_MS = 1_000;
/** After a failed copy (D1 unavailable) the alarm tries again this much later; the rows stay meanwhile. */
const AUDIT_FLUSH_RETRY_MS = 30_000;
/** Rows per D1 statement: 14 columns, under D1's 100 bound parameters per statement. */
const ROWS_PER_STATEMENT = 7;
/** Rows read from the object's storage per D1 batch, and batches per flush (the rest go at the next alarm). */
const ROWS_PER_BATCH = 700;
const BATCHES_PER_FLUSH = 4;

/**
 * The validations' audit rows, written to the subject object's own storage in the same step that counts
 * the attempt (so the answer never leaves before its audit row is durable, and a validation costs no D1
 * round trip), then copied to the app's D1 in batches by the object's alarm within about a second. The
 * D1 table stays the one place the audit is read from: the summary flushes first, so it always shows
 * every answered validation. Rows are deleted from the object only after D1 took them; the copy is
 * idempotent (same row id, insert-or-ignore), so a copy retried after a crash never duplicates a row.
 */
export class AuditBuffer {
  /** When the alarm must copy rows to D1 (null: nothing waiting). */
  flushAt: number | null;
  private flushing: Promise<CopyOutcome> | null = null;
  private readonly db;

  constructor(
    private readonly storage: DurableObjectStorage,
    d1: D1Database,
    now = Date.now(),
  ) {
    this.db = drizzle(d1);
    // Rows left by an earlier instance: the alarm it set is still due, and this makes sure of it.
    this.flushAt = [...this.storage.kv.list({ prefix: PREFIX, limit: 1 })].length === 0 ? null : now;
  }

  /** Stores one row (synchronously, in the caller's step) and schedules its copy to D1. */
  add(row: AuditRow, now = Date.now()): void {
    this.storage.kv.put(`${PREFIX}${row.id}`, row);
    this.flushAt ??= now + AUDIT_FLUSH_DELAY_MS;
  }

  /** Copies waiting rows to D1; never throws (a failure leaves them for a retry). Concurrent calls share one copy. */
  flush(now = Date.now()): Promise<CopyOutcome> {
    this.flushing ??= this.copy(now).finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  /**
   * Copies every waiting row, a flush's worth after another, for a reader that must see them all (the
   * summary); stops early only when a copy fails (the rows stay for the alarm's retry).
   */
  async flushAll(): Promise<void> {
    while ((await this.flush()) === "more") {
      // Another flush's worth.
    }
  }

  /** Waits for a copy in flight (erasure must not race one). */
  async settled(): Promise<void> {
    await this.flushing;
  }

  /** Erasure: the waiting rows go with the subject. */
  clear(): void {
    for (const [key] of this.storage.kv.list({ prefix: PREFIX })) this.storage.kv.delete(key);
    this.flushAt = null;
  }

  private async copy(now: number): Promise<CopyOutcome> {
    try {
      for (let batch = 0; batch < BATCHES_PER_FLUSH; batch++) {
        const entries = [...this.storage.kv.list<AuditRow>({ prefix: PREFIX, limit: ROWS_PER_BATCH })];
        if (entries.length === 0) {
          this.flushAt = null;
          return "done";
        }
        const statements = [];
        for (let i = 0; i < entries.length; i += ROWS_PER_STATEMENT) {
          const rows = entries.slice(i, i + ROWS_PER_STATEMENT).map(([, row]) => row);
          statements.push(this.db.insert(auditEvents).values(rows).onConflictDoNothing());
        }
        await this.db.batch(statements as [(typeof statements)[number], ...typeof statements]);
        for (const [key] of entries) this.storage.kv.delete(key);
      }
      // More than a flush's worth waiting: the next alarm goes on at once.
      this.flushAt = now;
      return "more";
    } catch (error) {
      this.flushAt = now + AUDIT_FLUSH_RETRY_MS;
      createLogger({ app: "ekyc-otp-pennydrop" }).warn("audit rows not copied to D1; retrying", {
        errorName: (error as Error)?.name ?? "unknown",
      });
      return "failed";
    }
  }
}
