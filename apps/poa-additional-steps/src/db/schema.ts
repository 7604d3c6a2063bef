import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { ResolvedSteps, StepScope } from "../domain/step-resolution.ts";

/** Timestamps are unix milliseconds. */

/** iDenfy's overall statuses this app can reach (DELETED once erased). */
export const OVERALL_STATUSES = [
  "ACTIVE",
  "EXPIRED",
  "REVIEWING",
  "APPROVED",
  "SUSPECTED",
  "DELETED",
] as const;
export type OverallStatus = (typeof OVERALL_STATUSES)[number];

/** One token and the verification it starts (iDenfy's scanRef). */
export const verifications = sqliteTable(
  "verifications",
  {
    scanRef: text("scan_ref").primaryKey(),
    partnerId: text("partner_id").notNull(),
    mode: text("mode", { enum: ["test", "live"] }).notNull(),
    /** The partner's own reference for the person; an identifier, not personal data. */
    clientId: text("client_id").notNull(),
    externalRef: text("external_ref"),
    /** SHA-256 of the authToken: the token itself is a bearer credential and is never stored. */
    authTokenHash: text("auth_token_hash").notNull(),
    status: text("status", { enum: OVERALL_STATUSES }).notNull(),
    locale: text("locale"),
    country: text("country"),
    /** The resolved additionalSteps object as returned in the token (texts and settings, no personal data). */
    steps: text("steps", { mode: "json" }).$type<ResolvedSteps | null>(),
    /** Document types the token accepts (iDenfy `documents`): the choices of the scope step. */
    documents: text("documents", { mode: "json" }).$type<string[]>().notNull(),
    showInstructions: integer("show_instructions", { mode: "boolean" }).notNull(),
    tokenType: text("token_type").notNull(),
    /** Country and document type the user picked, which select the steps that apply. */
    scope: text("scope", { mode: "json" }).$type<StepScope | null>(),
    /** Person fields, URLs and additionalData of the token request, encrypted (AAD: scanRef). */
    privateCiphertext: text("private_ciphertext"),
    expiryTime: integer("expiry_time").notNull(),
    sessionLength: integer("session_length").notNull(),
    createdAt: integer("created_at").notNull(),
    tokenExpiresAt: integer("token_expires_at").notNull(),
    sessionStartedAt: integer("session_started_at"),
    sessionExpiresAt: integer("session_expires_at"),
    finishedAt: integer("finished_at"),
    finalAt: integer("final_at"),
    /** Bumped when a partner replaces a file after the final result, so the next result is a new event. */
    revision: integer("revision").notNull().default(0),
    retainUntil: integer("retain_until").notNull(),
    erasedAt: integer("erased_at"),
  },
  (t) => [
    uniqueIndex("verifications_auth_token_uq").on(t.authTokenHash),
    index("verifications_partner_idx").on(t.partnerId, t.createdAt),
    index("verifications_retention_idx").on(t.retainUntil),
    index("verifications_expiry_idx").on(t.status, t.tokenExpiresAt),
  ],
);

export const FILE_SOURCES = ["UPLOAD", "CAPTURE", "PARTNER"] as const;
export type FileSource = (typeof FILE_SOURCES)[number];

/** The current file of one step (a new upload replaces it); the bytes are encrypted in R2. */
export const stepFiles = sqliteTable(
  "step_files",
  {
    scanRef: text("scan_ref").notNull(),
    step: text("step").notNull(),
    partnerId: text("partner_id").notNull(),
    r2Key: text("r2_key").notNull(),
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    source: text("source", { enum: FILE_SOURCES }).notNull(),
    /** What the user said the document is (UTILITY_BILL selection step); not validated, as in iDenfy. */
    documentType: text("document_type"),
    uploadedAt: integer("uploaded_at").notNull(),
  },
  (t) => [uniqueIndex("step_files_step_uq").on(t.scanRef, t.step)],
);

export const REVIEW_STATES = ["WAITING", "PENDING", "CLAIMED", "DONE"] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

export const COMPARE_STATUSES = ["MATCH", "NOT_MATCH", "NOT_FOUND", "NO_DATA"] as const;
export type CompareStatus = (typeof COMPARE_STATUSES)[number];

/**
 * A COMPARE or EXTRACT step waiting for, or done by, a reviewer. WAITING until the user finishes (or the
 * partner uploads); PENDING in the queue; CLAIMED by one reviewer until claimExpiresAt; DONE.
 */
export const reviewItems = sqliteTable(
  "review_items",
  {
    id: text("id").primaryKey(),
    partnerId: text("partner_id").notNull(),
    scanRef: text("scan_ref").notNull(),
    step: text("step").notNull(),
    type: text("type", { enum: ["COMPARE", "EXTRACT"] }).notNull(),
    state: text("state", { enum: REVIEW_STATES }).notNull(),
    /** When the item entered the queue: the queue is served oldest first. */
    queuedAt: integer("queued_at"),
    claimedBy: text("claimed_by"),
    claimExpiresAt: integer("claim_expires_at"),
    compareStatus: text("compare_status", { enum: COMPARE_STATUSES }),
    /** EXTRACT values typed by the reviewer, encrypted (AAD: item id). */
    valuesCiphertext: text("values_ciphertext"),
    decidedBy: text("decided_by"),
    decidedAt: integer("decided_at"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("review_items_step_uq").on(t.scanRef, t.step),
    index("review_items_queue_idx").on(t.partnerId, t.state, t.queuedAt),
  ],
);

/** Reviewer keys: each belongs to one partner and opens only the review API. */
export const reviewers = sqliteTable(
  "reviewers",
  {
    id: text("id").primaryKey(),
    partnerId: text("partner_id").notNull(),
    name: text("name").notNull(),
    keyHash: text("key_hash").notNull(),
    createdAt: integer("created_at").notNull(),
    revokedAt: integer("revoked_at"),
  },
  (t) => [uniqueIndex("reviewers_key_hash_uq").on(t.keyHash), index("reviewers_partner_idx").on(t.partnerId)],
);
