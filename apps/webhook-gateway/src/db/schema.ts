import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/** Timestamps are unix milliseconds: cheap to compare in SQL and unambiguous across runtimes. */
const createdAt = () => integer("created_at").notNull();

export const DELIVERY_STATUSES = ["pending", "retrying", "succeeded", "failed"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const ATTEMPT_OUTCOMES = ["success", "http_error", "timeout", "network_error", "refused"] as const;
export type AttemptOutcome = (typeof ATTEMPT_OUTCOMES)[number];

/** One result event as a producer enqueued it. The payload (PII) is stored encrypted. */
export const events = sqliteTable(
  "events",
  {
    id: text("id").primaryKey(),
    partnerId: text("partner_id").notNull(),
    eventId: text("event_id").notNull(),
    mode: text("mode", { enum: ["test", "live"] }).notNull(),
    capability: text("capability").notNull(),
    type: text("type").notNull(),
    occurredAt: text("occurred_at").notNull(),
    /** Per-session webhook URL override, encrypted (it may carry a partner's token in its query). */
    webhookUrlCiphertext: text("webhook_url_ciphertext"),
    payloadCiphertext: text("payload_ciphertext"),
    /** R2 key of an encrypted payload that was too large for a queue message. */
    payloadR2Key: text("payload_r2_key"),
    payloadSha256: text("payload_sha256"),
    /** Dialect signatures besides Standard Webhooks, as a JSON array of scheme names. */
    signatures: text("signatures", { mode: "json" }).$type<("idenfy" | "smileid")[]>().notNull(),
    erasedAt: integer("erased_at"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("events_partner_event_uq").on(t.partnerId, t.eventId)],
);

/** Delivery of one event to one target, with its retry state. */
export const deliveries = sqliteTable(
  "deliveries",
  {
    id: text("id").primaryKey(),
    eventRowId: text("event_row_id")
      .notNull()
      .references(() => events.id),
    partnerId: text("partner_id").notNull(),
    mode: text("mode", { enum: ["test", "live"] }).notNull(),
    kind: text("kind", { enum: ["event", "test"] }).notNull(),
    /** Set when the delivery is pinned to an endpoint (test events); otherwise resolved at each attempt. */
    endpointId: text("endpoint_id"),
    status: text("status", { enum: DELIVERY_STATUSES }).notNull(),
    attemptCount: integer("attempt_count").notNull().default(0),
    /** Attempts made since the last replay; the retry schedule restarts on replay. */
    cycleAttempts: integer("cycle_attempts").notNull().default(0),
    replayCount: integer("replay_count").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at"),
    leaseUntil: integer("lease_until"),
    lastAttemptAt: integer("last_attempt_at"),
    lastStatusCode: integer("last_status_code"),
    lastError: text("last_error"),
    /** Endpoint that received the last attempt (resolution may change between attempts). */
    lastEndpointId: text("last_endpoint_id"),
    succeededAt: integer("succeeded_at"),
    createdAt: createdAt(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("deliveries_event_uq").on(t.eventRowId),
    index("deliveries_partner_created_idx").on(t.partnerId, t.mode, t.createdAt),
    index("deliveries_partner_status_idx").on(t.partnerId, t.mode, t.status, t.createdAt),
    index("deliveries_due_idx").on(t.status, t.nextAttemptAt).where(sql`status in ('pending', 'retrying')`),
  ],
);

/** Every HTTP attempt, successful or not. */
export const deliveryAttempts = sqliteTable(
  "delivery_attempts",
  {
    id: text("id").primaryKey(),
    deliveryId: text("delivery_id")
      .notNull()
      .references(() => deliveries.id),
    partnerId: text("partner_id").notNull(),
    number: integer("number").notNull(),
    endpointId: text("endpoint_id"),
    startedAt: integer("started_at").notNull(),
    durationMs: integer("duration_ms").notNull(),
    outcome: text("outcome", { enum: ATTEMPT_OUTCOMES }).notNull(),
    statusCode: integer("status_code"),
    error: text("error"),
    /** First KiB of the response body, encrypted: a partner's server may echo personal data. */
    responseCiphertext: text("response_ciphertext"),
    responseTruncated: integer("response_truncated", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [uniqueIndex("delivery_attempts_number_uq").on(t.deliveryId, t.number)],
);

/** Messages that could not be processed: invalid envelopes, unknown partners, exhausted queue retries. */
export const deadLetters = sqliteTable(
  "dead_letters",
  {
    id: text("id").primaryKey(),
    queue: text("queue").notNull(),
    reason: text("reason").notNull(),
    partnerId: text("partner_id"),
    eventId: text("event_id"),
    bodyCiphertext: text("body_ciphertext"),
    createdAt: createdAt(),
  },
  (t) => [index("dead_letters_created_idx").on(t.createdAt)],
);

/** Requests received by the development webhook sink (/dev/sink/...). Development only. */
export const sinkMessages = sqliteTable(
  "sink_messages",
  {
    id: text("id").primaryKey(),
    sink: text("sink").notNull(),
    method: text("method").notNull(),
    headers: text("headers", { mode: "json" }).$type<Record<string, string>>().notNull(),
    bodyCiphertext: text("body_ciphertext").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("sink_messages_sink_idx").on(t.sink, t.createdAt)],
);
