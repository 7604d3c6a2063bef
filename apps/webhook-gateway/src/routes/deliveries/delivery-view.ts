import type { Cipher } from "@edgekyc/platform";
import type { z } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { deliveries, type deliveryAttempts, events } from "../../db/schema.ts";
import type { GatewayDb } from "../../delivery/deliver.ts";
import { responseAad } from "../../delivery/deliver.ts";
import type { Delivery, DeliveryAttempt } from "./delivery-schemas.ts";

type DeliveryRow = typeof deliveries.$inferSelect;
type EventSummary = Pick<typeof events.$inferSelect, "eventId" | "type" | "capability">;
type AttemptRow = typeof deliveryAttempts.$inferSelect;

/** Deliveries with the summary of their event, as the partner API shows them. */
export function selectDeliveries(db: GatewayDb) {
  return db
    .select({
      delivery: deliveries,
      event: { eventId: events.eventId, type: events.type, capability: events.capability },
    })
    .from(deliveries)
    .innerJoin(events, eq(events.id, deliveries.eventRowId));
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function toDeliveryView(row: DeliveryRow, event: EventSummary): z.infer<typeof Delivery> {
  return {
    id: row.id,
    eventId: event.eventId,
    eventType: event.type,
    capability: event.capability,
    mode: row.mode,
    kind: row.kind,
    status: row.status,
    attempts: row.attemptCount,
    replays: row.replayCount,
    nextAttemptAt: row.status === "pending" || row.status === "retrying" ? iso(row.nextAttemptAt) : null,
    lastAttemptAt: iso(row.lastAttemptAt),
    lastStatusCode: row.lastStatusCode,
    lastError: row.lastError,
    endpointId: row.endpointId ?? row.lastEndpointId,
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}

export async function toAttemptView(
  row: AttemptRow,
  cipher: Cipher,
): Promise<z.infer<typeof DeliveryAttempt>> {
  return {
    number: row.number,
    endpointId: row.endpointId,
    startedAt: new Date(row.startedAt).toISOString(),
    durationMs: row.durationMs,
    outcome: row.outcome,
    statusCode: row.statusCode,
    error: row.error,
    response:
      row.responseCiphertext === null
        ? null
        : {
            body: await cipher.decryptText(row.responseCiphertext, responseAad(row.id)),
            truncated: row.responseTruncated,
          },
  };
}
