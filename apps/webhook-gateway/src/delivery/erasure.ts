import type { Mode } from "@edgekyc/schemas";
import { and, eq, inArray, isNull, lt } from "drizzle-orm";
import { deliveries, deliveryAttempts, events } from "../db/schema.ts";
import type { GatewayDb } from "./deliver.ts";

/**
 * Erases what the gateway keeps of one event's personal data: the payload (in D1 or its R2 object), the
 * session's webhook URL, and receivers' answers. The delivery history (statuses, timings) stays; an
 * erased event can no longer be delivered or replayed.
 */
export async function eraseEvent(
  db: GatewayDb,
  uploads: R2Bucket,
  scope: { partnerId: string; mode: Mode },
  eventId: string,
  now: number,
): Promise<boolean> {
  const [event] = await db
    .select({ id: events.id, payloadR2Key: events.payloadR2Key })
    .from(events)
    .where(
      and(eq(events.partnerId, scope.partnerId), eq(events.mode, scope.mode), eq(events.eventId, eventId)),
    );
  if (!event) return false;
  await eraseRows(db, uploads, [event], now);
  return true;
}

/** Erases payloads of events older than the retention period whose delivery has finished. */
export async function purgeExpiredPayloads(
  db: GatewayDb,
  uploads: R2Bucket,
  olderThan: number,
  now: number,
  limit = 200,
): Promise<number> {
  const rows = await db
    .select({ id: events.id, payloadR2Key: events.payloadR2Key })
    .from(events)
    .innerJoin(deliveries, eq(deliveries.eventRowId, events.id))
    .where(
      and(
        isNull(events.erasedAt),
        lt(events.createdAt, olderThan),
        inArray(deliveries.status, ["succeeded", "failed"]),
      ),
    )
    .limit(limit);
  await eraseRows(db, uploads, rows, now);
  return rows.length;
}

async function eraseRows(
  db: GatewayDb,
  uploads: R2Bucket,
  rows: { id: string; payloadR2Key: string | null }[],
  now: number,
): Promise<void> {
  if (rows.length === 0) return;
  const ids = rows.map((row) => row.id);
  const deliveryIds = db
    .select({ id: deliveries.id })
    .from(deliveries)
    .where(inArray(deliveries.eventRowId, ids));
  await db.batch([
    db
      .update(events)
      .set({ payloadCiphertext: null, webhookUrlCiphertext: null, erasedAt: now })
      .where(inArray(events.id, ids)),
    db
      .update(deliveryAttempts)
      .set({ responseCiphertext: null })
      .where(inArray(deliveryAttempts.deliveryId, deliveryIds)),
    db
      .update(deliveries)
      .set({ status: "failed", lastError: "the event's data was erased", leaseUntil: null, updatedAt: now })
      .where(and(inArray(deliveries.eventRowId, ids), inArray(deliveries.status, ["pending", "retrying"]))),
  ]);
  const keys = rows.flatMap((row) => (row.payloadR2Key ? [row.payloadR2Key] : []));
  if (keys.length > 0) await uploads.delete(keys);
}
