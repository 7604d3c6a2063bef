import { newId } from "@edgekyc/platform";
import { type ResultEvent, ResultEventEnvelope } from "@edgekyc/schemas";
import { and, eq } from "drizzle-orm";
import { deliveries, events } from "../db/schema.ts";
import { type DeliveryDeps, payloadAad, webhookUrlAad } from "./deliver.ts";

export type IngestOutcome =
  | { kind: "accepted"; deliveryId: string }
  /** The event id was seen before: its delivery exists and keeps its own state. */
  | { kind: "duplicate"; deliveryId: string; needsAttempt: boolean }
  | { kind: "rejected"; reason: string; partnerId: string | null; eventId: string | null };

/**
 * Validates a message of the kyc-results queue and records its event and delivery, once per
 * (partner, event id): a producer's retry or the queue's redelivery never creates a second delivery.
 * Reasons for rejection name fields, never values (payloads carry personal data).
 */
export async function ingestResult(deps: DeliveryDeps, body: unknown): Promise<IngestOutcome> {
  const parsed = ResultEventEnvelope.safeParse(body);
  if (!parsed.success) {
    const details = parsed.error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.join(".") || "(envelope)"}: ${issue.message}`)
      .join("; ");
    return { kind: "rejected", reason: `invalid result envelope: ${details}`, ...identifyEnvelope(body) };
  }
  const event = parsed.data;
  if (!(await deps.endpoints.partnerExists(event.partnerId))) {
    return {
      kind: "rejected",
      reason: `unknown partner ${event.partnerId}`,
      partnerId: event.partnerId,
      eventId: event.eventId,
    };
  }
  return recordEvent(deps, event, { kind: "event", endpointId: null });
}

export async function recordEvent(
  deps: DeliveryDeps,
  event: ResultEvent,
  target: { kind: "event" | "test"; endpointId: string | null },
): Promise<Exclude<IngestOutcome, { kind: "rejected" }>> {
  const existing = await findDelivery(deps, event.partnerId, event.eventId);
  if (existing) return existing;

  const now = deps.now();
  const eventRowId = newId("evt");
  const deliveryId = newId("dlv");
  const payloadCiphertext =
    event.payload === undefined
      ? null
      : await deps.cipher.encryptText(JSON.stringify(event.payload), payloadAad(eventRowId));
  const webhookUrlCiphertext = event.webhookUrl
    ? await deps.cipher.encryptText(event.webhookUrl, webhookUrlAad(eventRowId))
    : null;

  const [inserted] = await deps.db
    .insert(events)
    .values({
      id: eventRowId,
      partnerId: event.partnerId,
      eventId: event.eventId,
      mode: event.mode,
      capability: event.capability,
      type: event.type,
      occurredAt: event.occurredAt,
      webhookUrlCiphertext,
      payloadCiphertext,
      payloadR2Key: event.payloadRef?.r2Key ?? null,
      payloadSha256: event.payloadRef?.sha256 ?? null,
      signatures: event.signatures,
      createdAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: events.id });
  if (!inserted) {
    // Another consumer recorded the same event between our read and our insert.
    const raced = await findDelivery(deps, event.partnerId, event.eventId);
    if (raced) return raced;
    throw new Error("event was neither inserted nor found");
  }
  await deps.db.insert(deliveries).values({
    id: deliveryId,
    eventRowId,
    partnerId: event.partnerId,
    mode: event.mode,
    kind: target.kind,
    endpointId: target.endpointId,
    status: "pending",
    nextAttemptAt: now,
    createdAt: now,
    updatedAt: now,
  });
  return { kind: "accepted", deliveryId };
}

async function findDelivery(
  deps: DeliveryDeps,
  partnerId: string,
  eventId: string,
): Promise<Extract<IngestOutcome, { kind: "duplicate" }> | null> {
  const [row] = await deps.db
    .select({
      deliveryId: deliveries.id,
      status: deliveries.status,
      attemptCount: deliveries.attemptCount,
      leaseUntil: deliveries.leaseUntil,
    })
    .from(events)
    .innerJoin(deliveries, eq(deliveries.eventRowId, events.id))
    .where(and(eq(events.partnerId, partnerId), eq(events.eventId, eventId)));
  if (!row) return null;
  // A first attempt that never happened (the consumer died after recording) is still owed.
  const needsAttempt = row.status === "pending" && row.attemptCount === 0 && row.leaseUntil === null;
  return { kind: "duplicate", deliveryId: row.deliveryId, needsAttempt };
}

/** Partner and event id of a message body, when it carries plausible ones (for dead letters). */
export function identifyEnvelope(body: unknown): { partnerId: string | null; eventId: string | null } {
  if (typeof body !== "object" || body === null) return { partnerId: null, eventId: null };
  const record = body as Record<string, unknown>;
  const pick = (value: unknown) => (typeof value === "string" && value.length <= 128 ? value : null);
  return { partnerId: pick(record.partnerId), eventId: pick(record.eventId) };
}
