import type { Logger, Principal } from "@edgekyc/platform";
import type { ReceiptIssueRequest, ReceiptQueueMessage, ResultEventInput } from "@edgekyc/schemas";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { DrizzleD1Database } from "drizzle-orm/d1";
import type { SubjectKind } from "../db/schema.ts";
import { resultEvents } from "../db/schema.ts";
import type { Method } from "../limits/subject-state.ts";
import { ekycRevokeRequest } from "./receipt-claims.ts";

type OutcomeStatus = "authenticated" | "failed" | "locked";

export interface Outcome {
  status: OutcomeStatus;
  method: Method;
  kind: SubjectKind;
  externalId: string;
  authId: string | null;
  journeyId: string | null;
  /** For failed: whether the whole method failed (`application`) or one code (`session`). */
  scope?: "session" | "application";
  /** For locked: until when initiates are locked. */
  lockedUntil?: number;
}

/** Outbox rows of receipt requests share the table: their type names them, their payload holds the message. */
const RECEIPT_TYPE = { issue: "receipt.issue", revoke: "receipt.revoke" } as const;
interface ReceiptRow {
  /** The subject (application/account) the receipt is about, so its erasure can revoke it. */
  subjectId: string;
  message: ReceiptQueueMessage;
}

/** A receipt request to go out with a result event. */
export interface ReceiptDraft {
  subjectId: string;
  request: ReceiptIssueRequest;
}

/**
 * Result events (authenticated, failed, locked) go to the RESULTS queue for webhook-gateway to sign and
 * deliver. Each is written to D1 first (outbox pattern) and marked once queued; if the queue is down the
 * row stays unqueued and `flush()` sends it again. Event ids are deterministic, so a resend is deduplicated
 * by the gateway.
 */
export class ResultEvents {
  constructor(
    private readonly db: DrizzleD1Database<Record<string, unknown>>,
    private readonly queue: Queue,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
    /** Receipt requests (kyc-receipts), through the same outbox as the result events. */
    private readonly receipts?: Queue,
  ) {}

  /**
   * Records the result event (and its receipt request, in the same D1 batch, so neither exists without
   * the other) and queues them; what cannot be queued now is sent by flush().
   */
  async emit(principal: Principal, outcome: Outcome, receipt?: ReceiptDraft): Promise<void> {
    const occurredAt = new Date(this.now()).toISOString();
    const subjectKey = outcome.kind === "application" ? "applicationId" : "accountId";
    const discriminator =
      outcome.status === "locked" ? String(outcome.lockedUntil) : (outcome.authId ?? outcome.journeyId ?? "");
    const eventId = `ekyc.${outcome.method}.${outcome.status}.${discriminator}`
      .replace(/[^A-Za-z0-9_.:-]/g, "_")
      .slice(0, 128);
    const payload: Record<string, unknown> = {
      status: outcome.status,
      method: outcome.method === "otp" ? "otp" : "pennyDrop",
      [subjectKey]: outcome.externalId,
      authId: outcome.authId,
      journeyId: outcome.journeyId,
      ...(outcome.scope ? { scope: outcome.scope } : {}),
      ...(outcome.lockedUntil ? { lockedUntil: new Date(outcome.lockedUntil).toISOString() } : {}),
      occurredAt,
    };
    const type = `ekyc.${outcome.method === "otp" ? "otp" : "pennydrop"}.${outcome.status}`;
    const receiptId = `receipt.${eventId}`;
    const rows = [
      this.db
        .insert(resultEvents)
        .values({
          eventId,
          partnerId: principal.partnerId,
          mode: principal.mode,
          type,
          payload,
          createdAt: this.now(),
        })
        .onConflictDoNothing(),
    ];
    if (receipt && this.receipts) {
      const row: ReceiptRow = { subjectId: receipt.subjectId, message: receipt.request };
      rows.push(
        this.db
          .insert(resultEvents)
          .values({
            eventId: receiptId,
            partnerId: principal.partnerId,
            mode: principal.mode,
            type: RECEIPT_TYPE.issue,
            payload: row as unknown as Record<string, unknown>,
            createdAt: this.now(),
          })
          .onConflictDoNothing(),
      );
    }
    await this.db.batch(rows as [(typeof rows)[number], ...(typeof rows)[number][]]);
    await this.send(eventId);
    if (receipt && this.receipts) await this.send(receiptId);
  }

  /**
   * Erasure of a subject: every receipt issued for it is revoked (a revoke row in the outbox each), and
   * its issue rows go, with the masked destination they held.
   */
  async revokeReceipts(principal: Principal, subjectId: string): Promise<number> {
    if (!this.receipts) return 0;
    const issued = await this.db
      .select()
      .from(resultEvents)
      .where(
        and(
          eq(resultEvents.partnerId, principal.partnerId),
          eq(resultEvents.type, RECEIPT_TYPE.issue),
          sql`json_extract(${resultEvents.payload}, '$.subjectId') = ${subjectId}`,
        ),
      );
    const revokeIds: string[] = [];
    for (const row of issued) {
      const { message } = row.payload as unknown as ReceiptRow;
      const revoke: ReceiptRow = { subjectId, message: ekycRevokeRequest(row.partnerId, message.subjectRef) };
      const revokeId = `receipt.revoke.${message.subjectRef}`;
      await this.db.batch([
        this.db
          .insert(resultEvents)
          .values({
            eventId: revokeId,
            partnerId: row.partnerId,
            mode: row.mode,
            type: RECEIPT_TYPE.revoke,
            payload: revoke as unknown as Record<string, unknown>,
            createdAt: this.now(),
          })
          .onConflictDoNothing(),
        this.db.delete(resultEvents).where(eq(resultEvents.eventId, row.eventId)),
      ]);
      revokeIds.push(revokeId);
    }
    for (const id of revokeIds) await this.send(id);
    return revokeIds.length;
  }

  private async send(eventId: string): Promise<void> {
    const [row] = await this.db.select().from(resultEvents).where(eq(resultEvents.eventId, eventId));
    if (!row || row.queuedAt !== null) return;
    if (row.type.startsWith("receipt.")) {
      await this.sendReceipt(row.eventId, (row.payload as unknown as ReceiptRow).message);
      return;
    }
    const envelope: ResultEventInput = {
      specVersion: "1",
      eventId: row.eventId,
      partnerId: row.partnerId,
      mode: row.mode,
      capability: "ekyc-otp-pennydrop",
      type: row.type,
      occurredAt: new Date(row.createdAt).toISOString(),
      payload: row.payload as Record<string, never>,
    };
    try {
      await this.queue.send(envelope);
      await this.db
        .update(resultEvents)
        .set({ queuedAt: this.now() })
        .where(eq(resultEvents.eventId, eventId));
    } catch (error) {
      // Kept unqueued in D1; flush() (cron) sends it again.
      this.log.warn("result event not queued", { eventId, errorName: (error as Error)?.name ?? "unknown" });
    }
  }

  private async sendReceipt(eventId: string, message: ReceiptQueueMessage): Promise<void> {
    if (!this.receipts) return;
    try {
      await this.receipts.send(message, { contentType: "json" });
      await this.db
        .update(resultEvents)
        .set({ queuedAt: this.now() })
        .where(eq(resultEvents.eventId, eventId));
    } catch (error) {
      // Kept unqueued in D1; flush() (cron) sends it again. The receipts Worker issues once per subjectRef.
      this.log.warn("receipt request not queued", {
        eventId,
        errorName: (error as Error)?.name ?? "unknown",
      });
    }
  }

  /** Sends every event and receipt request that is still unqueued (scheduled handler). */
  async flush(limit = 100): Promise<number> {
    const rows = await this.db
      .select({ eventId: resultEvents.eventId })
      .from(resultEvents)
      .where(and(isNull(resultEvents.queuedAt)))
      .limit(limit);
    for (const row of rows) await this.send(row.eventId);
    return rows.length;
  }
}
