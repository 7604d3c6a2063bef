import type { Mode } from "@edgekyc/schemas";
import { and, eq, gte, inArray, or, sql } from "drizzle-orm";
import { deliveries } from "../db/schema.ts";
import { type GatewayDb, strandedCondition } from "./deliver.ts";

export type ReplayResult = { ok: true } | { ok: false; reason: "not_found" | "in_flight" };

/**
 * Reopens a finished delivery (failed or succeeded) with a fresh retry schedule, or one still open whose
 * due time has long passed without anyone holding it (its queue message was lost): that one is owed an
 * attempt, and refusing it as "in flight" would strand it.
 */
export async function reopenDelivery(
  db: GatewayDb,
  scope: { partnerId: string; mode: Mode },
  deliveryId: string,
  now: number,
): Promise<ReplayResult> {
  const [row] = await db
    .update(deliveries)
    .set(reopened(now))
    .where(
      and(
        eq(deliveries.id, deliveryId),
        eq(deliveries.partnerId, scope.partnerId),
        eq(deliveries.mode, scope.mode),
        or(inArray(deliveries.status, ["failed", "succeeded"]), strandedCondition(now)),
      ),
    )
    .returning({ id: deliveries.id });
  if (row) return { ok: true };
  const [existing] = await db
    .select({ id: deliveries.id })
    .from(deliveries)
    .where(
      and(
        eq(deliveries.id, deliveryId),
        eq(deliveries.partnerId, scope.partnerId),
        eq(deliveries.mode, scope.mode),
      ),
    );
  return { ok: false, reason: existing ? "in_flight" : "not_found" };
}

/** Upper bound of one bulk replay call; the answer says when more remain. */
export const BULK_REPLAY_LIMIT = 1000;

/** Reopens every delivery of the partner in `status` created at or after `since`. */
export async function reopenDeliveriesSince(
  db: GatewayDb,
  scope: { partnerId: string; mode: Mode },
  filter: { since: number; status: "failed" | "succeeded" },
  now: number,
): Promise<{ ids: string[]; more: boolean }> {
  const candidates = await db
    .select({ id: deliveries.id })
    .from(deliveries)
    .where(
      and(
        eq(deliveries.partnerId, scope.partnerId),
        eq(deliveries.mode, scope.mode),
        eq(deliveries.status, filter.status),
        gte(deliveries.createdAt, filter.since),
      ),
    )
    .orderBy(deliveries.createdAt)
    .limit(BULK_REPLAY_LIMIT + 1);
  const ids = candidates.slice(0, BULK_REPLAY_LIMIT).map((row) => row.id);
  const reopenedIds: string[] = [];
  // D1 caps bound parameters per statement; reopen in slices.
  for (let i = 0; i < ids.length; i += 90) {
    const slice = ids.slice(i, i + 90);
    const rows = await db
      .update(deliveries)
      .set(reopened(now))
      .where(and(inArray(deliveries.id, slice), eq(deliveries.status, filter.status)))
      .returning({ id: deliveries.id });
    reopenedIds.push(...rows.map((row) => row.id));
  }
  return { ids: reopenedIds, more: candidates.length > BULK_REPLAY_LIMIT };
}

function reopened(now: number) {
  return {
    status: "pending" as const,
    cycleAttempts: 0,
    replayCount: sql`${deliveries.replayCount} + 1`,
    nextAttemptAt: now,
    leaseUntil: null,
    succeededAt: null,
    updatedAt: now,
  };
}
