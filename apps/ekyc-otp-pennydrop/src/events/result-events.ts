import type { Logger, Principal } from "@edgekyc/platform";
import type { ResultEventInput } from "@edgekyc/schemas";
import { and, eq, isNull } from "drizzle-orm";
import type { DrizzleD1Database } from "drizzle-orm/d1";
import type { SubjectKind } from "../db/schema.ts";
import { resultEvents } from "../db/schema.ts";
import type { Method } from "../limits/subject-state.ts";

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
  ) {}

  async emit(principal: Principal, outcome: Outcome): Promise<void> {
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
    await this.db
      .insert(resultEvents)
      .values({
        eventId,
        partnerId: principal.partnerId,
        mode: principal.mode,
        type,
        payload,
        createdAt: this.now(),
      })
      .onConflictDoNothing();
    await this.send(eventId);
  }

  private async send(eventId: string): Promise<void> {
    const [row] = await this.db.select().from(resultEvents).where(eq(resultEvents.eventId, eventId));
    if (!row || row.queuedAt !== null) return;
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

  /** Sends every event that is still unqueued (scheduled handler). */
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
