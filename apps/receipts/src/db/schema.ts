import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/** Timestamps are unix milliseconds, as in the other apps. */

export const RECEIPT_STATUSES = ["valid", "revoked"] as const;
export type ReceiptStatus = (typeof RECEIPT_STATUSES)[number];
export const REVOCATION_REASONS = ["erased", "withdrawn", "partner"] as const;
export type RevocationReason = (typeof REVOCATION_REASONS)[number];

/**
 * One issued receipt: never the receipt itself (it waits encrypted in R2 until its one fetch), only its
 * SHA-256, its status list entry and its status. One per (partner, capability, subjectRef).
 */
export const receipts = sqliteTable(
  "receipts",
  {
    id: text("id").primaryKey(),
    partnerId: text("partner_id").notNull(),
    mode: text("mode", { enum: ["test", "live"] }).notNull(),
    capability: text("capability").notNull(),
    subjectRef: text("subject_ref").notNull(),
    vct: text("vct").notNull(),
    outcome: text("outcome", { enum: ["passed", "failed"] }).notNull(),
    /** Lower-case hex SHA-256 of the issued SD-JWT (issuer JWT and every disclosure). */
    sha256: text("sha256").notNull(),
    /** Which status list (0-based) and the entry in it. */
    statusList: integer("status_list").notNull(),
    statusIdx: integer("status_idx").notNull(),
    status: text("status", { enum: RECEIPT_STATUSES }).notNull(),
    revocationReason: text("revocation_reason", { enum: REVOCATION_REASONS }),
    revokedAt: integer("revoked_at"),
    /** R2 key of the encrypted receipt while it waits for its fetch; null once fetched, expired or erased. */
    storedKey: text("stored_key"),
    issuedAt: integer("issued_at").notNull(),
    fetchedAt: integer("fetched_at"),
    /** When the unfetched copy is deleted. */
    availableUntil: integer("available_until").notNull(),
    /** When the `receipt.issued` event went on the results queue (null: still to send). */
    announcedAt: integer("announced_at"),
  },
  (t) => [
    uniqueIndex("receipts_subject_uq").on(t.partnerId, t.capability, t.subjectRef),
    uniqueIndex("receipts_status_entry_uq").on(t.statusList, t.statusIdx),
    index("receipts_available_until_idx").on(t.availableUntil),
  ],
);

/**
 * A verification whose receipts were revoked: a revoke that arrives before its issue request (the queue
 * does not keep order) still keeps a receipt from being issued for an erased verification.
 */
export const revokedSubjects = sqliteTable(
  "revoked_subjects",
  {
    partnerId: text("partner_id").notNull(),
    capability: text("capability").notNull(),
    subjectRef: text("subject_ref").notNull(),
    reason: text("reason", { enum: REVOCATION_REASONS }).notNull(),
    revokedAt: integer("revoked_at").notNull(),
  },
  (t) => [uniqueIndex("revoked_subjects_uq").on(t.partnerId, t.capability, t.subjectRef)],
);

/** A queue message that could not be processed, with the reason; its body is encrypted (claims are PII). */
export const deadLetters = sqliteTable(
  "dead_letters",
  {
    id: text("id").primaryKey(),
    queue: text("queue").notNull(),
    reason: text("reason").notNull(),
    partnerId: text("partner_id"),
    subjectRef: text("subject_ref"),
    bodyCiphertext: text("body_ciphertext").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("dead_letters_created_idx").on(t.createdAt)],
);
