import { ID_PREFIXES, newId, type Principal } from "@edgekyc/platform";
import { and, desc, eq, isNotNull } from "drizzle-orm";
import type { DrizzleD1Database } from "drizzle-orm/d1";
import { auditEvents } from "../db/schema.ts";
import type { Method } from "../limits/subject-state.ts";

export interface AuditEntry {
  subjectId: string;
  journeyId: string | null;
  authId: string | null;
  method: Method;
  action: "initiate" | "resend" | "validate";
  status: string;
  channel?: string | null;
  destinationHint?: string | null;
  detail?: string | null;
}

/** "+44 •••• ••• 123": the country code and the last three digits, enough for support, not to call anyone. */
export function maskPhone(e164: string): string {
  const last = e164.slice(-3);
  const country = e164.startsWith("+44") ? "+44" : e164.slice(0, 3);
  return `${country} •••• ••• ${last}`;
}

export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  return `${email.slice(0, 1)}•••${email.slice(at)}`;
}

export function maskBankAccount(sortCode: string, accountNumber: string): string {
  return `${sortCode.slice(0, 2)}-••-•• ••••${accountNumber.slice(-4)}`;
}

export interface JourneyAudit {
  journeyId: string | null;
  events: {
    at: string;
    method: Method;
    action: string;
    status: string;
    authId: string | null;
    channel: string | null;
    destinationHint: string | null;
  }[];
}

/** The audit trail in this app's D1: one row per initiate, resend and validate. */
export class AuditLog {
  constructor(
    private readonly db: DrizzleD1Database<Record<string, unknown>>,
    private readonly now: () => number = Date.now,
  ) {}

  async record(principal: Principal, requestId: string, entry: AuditEntry): Promise<void> {
    await this.db.insert(auditEvents).values({
      id: newId(ID_PREFIXES.ekycAudit),
      partnerId: principal.partnerId,
      mode: principal.mode,
      subjectId: entry.subjectId,
      journeyId: entry.journeyId,
      authId: entry.authId,
      method: entry.method,
      action: entry.action,
      status: entry.status,
      channel: entry.channel ?? null,
      destinationHint: entry.destinationHint ?? null,
      detail: entry.detail ?? null,
      requestId,
      createdAt: this.now(),
    });
  }

  /** How a code went out: the channel and masked destination of its initiate (for its receipt). */
  async possession(
    subjectId: string,
    authId: string,
  ): Promise<{ channel: string; destinationHint: string | null } | null> {
    const [row] = await this.db
      .select({ channel: auditEvents.channel, destinationHint: auditEvents.destinationHint })
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.subjectId, subjectId),
          eq(auditEvents.authId, authId),
          eq(auditEvents.status, "initiated"),
          isNotNull(auditEvents.channel),
        ),
      )
      .orderBy(desc(auditEvents.createdAt))
      .limit(1);
    return row?.channel ? { channel: row.channel, destinationHint: row.destinationHint } : null;
  }

  /** The latest journeys of a subject, each with its events in order. */
  async journeys(subjectId: string, limit = 10): Promise<JourneyAudit[]> {
    const rows = await this.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.subjectId, subjectId))
      .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
      .limit(500);
    const byJourney = new Map<string, JourneyAudit>();
    for (const row of [...rows].reverse()) {
      const key = row.journeyId ?? "";
      let journey = byJourney.get(key);
      if (!journey) {
        journey = { journeyId: row.journeyId, events: [] };
        byJourney.set(key, journey);
      }
      journey.events.push({
        at: new Date(row.createdAt).toISOString(),
        method: row.method,
        action: row.action,
        status: row.status,
        authId: row.authId,
        channel: row.channel,
        destinationHint: row.destinationHint,
      });
    }
    // Newest journey (by its last event) first.
    return [...byJourney.values()]
      .sort((a, b) => (b.events.at(-1)?.at ?? "").localeCompare(a.events.at(-1)?.at ?? ""))
      .slice(0, limit);
  }
}
