import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/** Timestamps are unix milliseconds. */
const createdAt = () => integer("created_at").notNull();
const mode = () => text("mode", { enum: ["test", "live"] }).notNull();

export const SUBJECT_KINDS = ["application", "account"] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

/**
 * An application (acquisition) or account (servicing) registered by a partner, under the partner's own id.
 * Personal data (name, date of birth, address, phone numbers, email) is one AES-GCM ciphertext bound to
 * the row; only whether an address is held is in the clear (Penny Drop needs it).
 */
export const subjects = sqliteTable(
  "subjects",
  {
    id: text("id").primaryKey(),
    partnerId: text("partner_id").notNull(),
    mode: mode(),
    kind: text("kind", { enum: SUBJECT_KINDS }).notNull(),
    externalId: text("external_id").notNull(),
    piiCiphertext: text("pii_ciphertext").notNull(),
    hasAddress: integer("has_address", { mode: "boolean" }).notNull(),
    createdAt: createdAt(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [uniqueIndex("subjects_partner_external_uq").on(t.partnerId, t.mode, t.kind, t.externalId)],
);

/**
 * One row per initiate, resend and validate: what happened, never the code and never a full phone number,
 * email or account number (only a masked hint). Grouped by journey for the summary.
 */
export const auditEvents = sqliteTable(
  "audit_events",
  {
    id: text("id").primaryKey(),
    partnerId: text("partner_id").notNull(),
    mode: mode(),
    subjectId: text("subject_id").notNull(),
    journeyId: text("journey_id"),
    authId: text("auth_id"),
    method: text("method", { enum: ["otp", "pennydrop"] }).notNull(),
    action: text("action", { enum: ["initiate", "resend", "validate"] }).notNull(),
    status: text("status").notNull(),
    /** sms, voice, email or faster_payments. */
    channel: text("channel"),
    /** e.g. "+44 •••• ••• 123", "a•••@example.org", "20-04-15 ••••5678". */
    destinationHint: text("destination_hint"),
    /** Provider outcome codes: CoP reason code, provider error code. */
    detail: text("detail"),
    requestId: text("request_id").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("audit_subject_journey_idx").on(t.subjectId, t.journeyId, t.createdAt),
    index("audit_partner_created_idx").on(t.partnerId, t.createdAt),
  ],
);

/**
 * Result events (authenticated, failed, locked), written before they are queued and marked once the queue
 * took them: an event whose send failed stays here, visible and re-sendable.
 */
export const resultEvents = sqliteTable(
  "result_events",
  {
    eventId: text("event_id").primaryKey(),
    partnerId: text("partner_id").notNull(),
    mode: mode(),
    type: text("type").notNull(),
    /** The envelope's payload (ids and statuses, no personal data). */
    payload: text("payload", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    queuedAt: integer("queued_at"),
    createdAt: createdAt(),
  },
  (t) => [index("result_events_unqueued_idx").on(t.queuedAt, t.createdAt)],
);

/** Test-mode messages (SMS, voice, email) that the sandbox "sent"; recipient and body encrypted. */
export const sandboxOutbox = sqliteTable(
  "sandbox_outbox",
  {
    seq: integer("seq").primaryKey({ autoIncrement: true }),
    id: text("id").notNull(),
    partnerId: text("partner_id").notNull(),
    channel: text("channel", { enum: ["sms", "voice", "email"] }).notNull(),
    /** Keyed hash of the recipient, to filter by it without decrypting every row. */
    toHash: text("to_hash").notNull(),
    toCiphertext: text("to_ciphertext").notNull(),
    subject: text("subject"),
    bodyCiphertext: text("body_ciphertext").notNull(),
    idempotencyKey: text("idempotency_key").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("sandbox_outbox_key_uq").on(t.partnerId, t.idempotencyKey),
    index("sandbox_outbox_to_idx").on(t.partnerId, t.toHash, t.seq),
  ],
);

/** The sandbox bank's accounts, per partner; the holder name is encrypted. */
export const sandboxBankAccounts = sqliteTable(
  "sandbox_bank_accounts",
  {
    partnerId: text("partner_id").notNull(),
    sortCode: text("sort_code").notNull(),
    accountNumber: text("account_number").notNull(),
    holderNameCiphertext: text("holder_name_ciphertext").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("sandbox_bank_accounts_uq").on(t.partnerId, t.sortCode, t.accountNumber)],
);

/** Faster Payments the sandbox bank received; the reference carries a penny drop's code, so it is encrypted. */
export const sandboxBankPayments = sqliteTable(
  "sandbox_bank_payments",
  {
    seq: integer("seq").primaryKey({ autoIncrement: true }),
    id: text("id").notNull(),
    partnerId: text("partner_id").notNull(),
    sortCode: text("sort_code").notNull(),
    accountNumber: text("account_number").notNull(),
    payeeNameCiphertext: text("payee_name_ciphertext").notNull(),
    amountPence: integer("amount_pence").notNull(),
    referenceCiphertext: text("reference_ciphertext").notNull(),
    idempotencyKey: text("idempotency_key").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("sandbox_bank_payments_key_uq").on(t.partnerId, t.idempotencyKey),
    index("sandbox_bank_payments_account_idx").on(t.partnerId, t.sortCode, t.accountNumber, t.seq),
  ],
);
