import { newId } from "@edgekyc/platform";
import { type ResultEvent, ResultEventEnvelope } from "@edgekyc/schemas";
import { and, eq, sql } from "drizzle-orm";
import { deliveries, events } from "../db/schema.ts";
import { type DeliveryDeps, type DeliveryRow, payloadAad, webhookUrlAad } from "./deliver.ts";

export type IngestOutcome =
  | { kind: "accepted"; deliveryId: string; delivery: DeliveryRow }
  /** The event id was seen before: its delivery exists and keeps its own state. */
  | { kind: "duplicate"; deliveryId: string; needsAttempt: boolean }
  | { kind: "rejected"; reason: string; partnerId: string | null; eventId: string | null };

/**
 * Validates a message of the kyc-results queue and records its event and delivery, once per
 * (partner, event id): a producer's retry or the queue's redelivery never creates a second delivery.
 * Reasons for rejection name fields, never values (payloads carry personal data).
 */
export async function ingestResult(deps: DeliveryDeps, body: unknown): Promise<IngestOutcome> {
  const parsed = parseEnvelope(body);
  if (!parsed.ok) return parsed.rejected;
  const { event } = parsed;
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

/** Validates a kyc-results message body: the event, or why it was rejected (fields named, no values). */
export function parseEnvelope(
  body: unknown,
): { ok: true; event: ResultEvent } | { ok: false; rejected: Extract<IngestOutcome, { kind: "rejected" }> } {
  const parsed = ResultEventEnvelope.safeParse(body);
  if (parsed.success) return { ok: true, event: parsed.data };
  const details = parsed.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join(".") || "(envelope)"}: ${issue.message}`)
    .join("; ");
  return {
    ok: false,
    rejected: { kind: "rejected", reason: `invalid result envelope: ${details}`, ...identifyEnvelope(body) },
  };
}

/**
 * Records an event and its delivery in one D1 batch (one transaction), shared with the other events of
 * the same moment (deps.writes): the event is inserted unless (partner, event id) exists, and the
 * delivery only if this very event row was inserted, returning its id. A duplicate costs one more read
 * (which delivery the event has). With `leaseUntil`, the new delivery is born leased to the caller, who
 * makes its first attempt with the rows in hand (no claim, no re-read).
 */
export async function recordEvent(
  deps: DeliveryDeps,
  event: ResultEvent,
  target: { kind: "event" | "test"; endpointId: string | null },
  options: { leaseUntil?: number; payloadText?: string | null } = {},
): Promise<Exclude<IngestOutcome, { kind: "rejected" }>> {
  const now = deps.now();
  const eventRowId = newId("evt");
  const deliveryId = newId("dlv");
  const leaseUntil = options.leaseUntil ?? null;
  const payloadText =
    options.payloadText !== undefined
      ? options.payloadText
      : event.payload === undefined
        ? null
        : JSON.stringify(event.payload);
  const payloadCiphertext =
    payloadText === null ? null : await deps.cipher.encryptText(payloadText, payloadAad(eventRowId));
  const webhookUrlCiphertext = event.webhookUrl
    ? await deps.cipher.encryptText(event.webhookUrl, webhookUrlAad(eventRowId))
    : null;

  const [, inserted] = (await deps.writes.batch([
    deps.db
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
      .onConflictDoNothing(),
    // Only when the event row above was inserted: a duplicate event gets no second delivery.
    deps.db
      .insert(deliveries)
      .select(
        deps.db
          // Every column in table order (drizzle's insert … select); values are bound parameters.
          .select({
            id: literal(deliveryId, "id"),
            eventRowId: events.id,
            partnerId: events.partnerId,
            mode: events.mode,
            kind: literal(target.kind, "kind"),
            endpointId: literal(target.endpointId, "endpoint_id"),
            status: literal("pending" as const, "status"),
            attemptCount: literal(0, "attempt_count"),
            cycleAttempts: literal(0, "cycle_attempts"),
            replayCount: literal(0, "replay_count"),
            nextAttemptAt: literal<number | null>(now, "next_attempt_at"),
            leaseUntil: literal(leaseUntil, "lease_until"),
            lastAttemptAt: literal<number | null>(null, "last_attempt_at"),
            lastStatusCode: literal<number | null>(null, "last_status_code"),
            lastError: literal<string | null>(null, "last_error"),
            lastEndpointId: literal<string | null>(null, "last_endpoint_id"),
            succeededAt: literal<number | null>(null, "succeeded_at"),
            createdAt: literal(now, "created_at"),
            updatedAt: literal(now, "updated_at"),
          })
          .from(events)
          .where(eq(events.id, eventRowId)),
      )
      .returning({ id: deliveries.id }),
  ])) as [unknown, { id: string }[]];
  if (inserted.length === 0) {
    const [row] = await findDeliveryQuery(deps, event.partnerId, event.eventId);
    if (!row) throw new Error("event was neither recorded nor found");
    return asDuplicate(row);
  }
  return {
    kind: "accepted",
    deliveryId,
    delivery: {
      id: deliveryId,
      eventRowId,
      partnerId: event.partnerId,
      mode: event.mode,
      kind: target.kind,
      endpointId: target.endpointId,
      status: "pending",
      attemptCount: 0,
      cycleAttempts: 0,
      replayCount: 0,
      nextAttemptAt: now,
      leaseUntil,
      lastAttemptAt: null,
      lastStatusCode: null,
      lastError: null,
      lastEndpointId: null,
      succeededAt: null,
      createdAt: now,
      updatedAt: now,
    },
  };
}

const literal = <T>(value: T, name: string) => sql<T>`${value}`.as(name);

function findDeliveryQuery(deps: DeliveryDeps, partnerId: string, eventId: string) {
  return deps.db
    .select({
      deliveryId: deliveries.id,
      status: deliveries.status,
      attemptCount: deliveries.attemptCount,
    })
    .from(events)
    .innerJoin(deliveries, eq(deliveries.eventRowId, events.id))
    .where(and(eq(events.partnerId, partnerId), eq(events.eventId, eventId)));
}

function asDuplicate(row: {
  deliveryId: string;
  status: DeliveryRow["status"];
  attemptCount: number;
}): Extract<IngestOutcome, { kind: "duplicate" }> {
  // A first attempt that never happened (its consumer died after recording) is still owed. Under a live
  // lease it may be under way: the attempt then finds it leased and comes back after the lease.
  const needsAttempt = row.status === "pending" && row.attemptCount === 0;
  return { kind: "duplicate", deliveryId: row.deliveryId, needsAttempt };
}

/** Partner and event id of a message body, when it carries plausible ones (for dead letters). */
export function identifyEnvelope(body: unknown): { partnerId: string | null; eventId: string | null } {
  if (typeof body !== "object" || body === null) return { partnerId: null, eventId: null };
  const record = body as Record<string, unknown>;
  const pick = (value: unknown) => (typeof value === "string" && value.length <= 128 ? value : null);
  return { partnerId: pick(record.partnerId), eventId: pick(record.eventId) };
}
