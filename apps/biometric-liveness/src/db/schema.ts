import type { HolderPublicJwk } from "@edgekyc/schemas";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

// Times are unix milliseconds. Every table carries the tenant key (partner_id). Personal data (id_info,
// names) is stored encrypted (`*_ciphertext`, AES-GCM with AAD bound to the row); images live in R2.

/** Signicat Assure dossiers: one per end-user. */
export const dossiers = sqliteTable(
  "dossiers",
  {
    id: text("id").primaryKey(),
    partnerId: text("partner_id").notNull(),
    mode: text("mode", { enum: ["test", "live"] }).notNull(),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("dossiers_partner").on(t.partnerId, t.createdAt)],
);

export const PROCESS_STATUSES = ["pending", "processing", "accepted", "inconclusive", "rejected"] as const;
export type ProcessStatus = (typeof PROCESS_STATUSES)[number];

/** Signicat Assure FaceTec processes. `result` is the seed's providerSpecific + finalResult (no PII). */
export const processes = sqliteTable(
  "processes",
  {
    id: text("id").primaryKey(),
    dossierId: text("dossier_id").notNull(),
    partnerId: text("partner_id").notNull(),
    mode: text("mode", { enum: ["test", "live"] }).notNull(),
    provider: text("provider", { enum: ["facetec"] }).notNull(),
    status: text("status", { enum: PROCESS_STATUSES }).notNull(),
    /** SHA-256 of the FaceScan of this process (replay check across the partner's processes). */
    faceScanHash: text("face_scan_hash"),
    /** When start verification was accepted (null while pending). */
    enrolledAt: integer("enrolled_at"),
    /** The FaceScan was already used in another of the partner's processes. */
    replayDetected: integer("replay_detected", { mode: "boolean" }).notNull().default(false),
    resultJson: text("result_json"),
    /** The end user's public JWK the verification receipt is bound to (`cnf`); public, not personal. */
    holderKey: text("holder_key", { mode: "json" }).$type<HolderPublicJwk>(),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    index("processes_dossier").on(t.dossierId),
    uniqueIndex("processes_face_scan").on(t.partnerId, t.faceScanHash),
  ],
);

/** Images of a process or a Smile ID job, encrypted in R2 under the partner's prefix. */
export const images = sqliteTable(
  "images",
  {
    /** `<owner id>:<name>`, e.g. `<processId>:selfie` or `<smileJobId>:liveness-3`. */
    id: text("id").primaryKey(),
    partnerId: text("partner_id").notNull(),
    ownerId: text("owner_id").notNull(),
    name: text("name").notNull(),
    r2Key: text("r2_key").notNull(),
    contentType: text("content_type").notNull(),
    bytes: integer("bytes").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("images_owner").on(t.ownerId)],
);

export const JOB_STATUSES = ["awaiting_upload", "queued", "processing", "in_review", "complete"] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** Smile ID Web API jobs (types 1, 2, 4). `result_json` is the signed result body (no PII besides ids). */
export const smileJobs = sqliteTable(
  "smile_jobs",
  {
    /** SmileJobID: 10 digits. */
    id: text("id").primaryKey(),
    partnerId: text("partner_id").notNull(),
    mode: text("mode", { enum: ["test", "live"] }).notNull(),
    /** The Smile ID key that submitted the job: its API key signs the job's callbacks and statuses. */
    keyId: text("key_id").notNull(),
    jobId: text("job_id").notNull(),
    userId: text("user_id").notNull(),
    jobType: integer("job_type").notNull(),
    status: text("status", { enum: JOB_STATUSES }).notNull(),
    callbackUrl: text("callback_url"),
    /** partner_params as sent (JSON), echoed in results. */
    partnerParamsJson: text("partner_params_json").notNull(),
    /** id_info (names, id number, dob): encrypted, AAD `smile_jobs.id_info:<id>`. */
    idInfoCiphertext: text("id_info_ciphertext"),
    /** SHA-256 of the upload token of upload_url. */
    uploadTokenHash: text("upload_token_hash").notNull(),
    /** The machine result, then the final one after a review: JSON, encrypted (AAD `smile_jobs.result:<id>`). */
    resultCiphertext: text("result_ciphertext"),
    /** The ResultCode of result_ciphertext, for queries without decrypting. */
    resultCode: text("result_code"),
    /** The end user's public JWK the verification receipt is bound to (`cnf`); public, not personal. */
    holderKey: text("holder_key", { mode: "json" }).$type<HolderPublicJwk>(),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
    completedAt: integer("completed_at"),
  },
  (t) => [
    uniqueIndex("smile_jobs_partner_job").on(t.partnerId, t.jobId),
    index("smile_jobs_user").on(t.partnerId, t.userId, t.createdAt),
  ],
);

/** Users registered with a selfie (job 4, or job 1 with an approved enrolment). */
export const smileUsers = sqliteTable(
  "smile_users",
  {
    partnerId: text("partner_id").notNull(),
    userId: text("user_id").notNull(),
    /** The job whose selfie is the registered one. */
    smileJobId: text("smile_job_id").notNull(),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [uniqueIndex("smile_users_pk").on(t.partnerId, t.userId)],
);

export const REVIEW_STATUSES = ["pending", "passed", "failed"] as const;

/** Human review of a provisional Smile ID result. */
export const reviews = sqliteTable(
  "reviews",
  {
    smileJobId: text("smile_job_id").primaryKey(),
    partnerId: text("partner_id").notNull(),
    status: text("status", { enum: REVIEW_STATUSES }).notNull(),
    reason: text("reason").notNull(),
    reviewerKeyId: text("reviewer_key_id"),
    createdAt: integer("created_at").notNull(),
    decidedAt: integer("decided_at"),
  },
  (t) => [index("reviews_partner_status").on(t.partnerId, t.status, t.createdAt)],
);

/** Keys of human reviewers: one partner, review routes only. The secret is stored hashed. */
export const reviewerKeys = sqliteTable(
  "reviewer_keys",
  {
    id: text("id").primaryKey(),
    partnerId: text("partner_id").notNull(),
    publicId: text("public_id").notNull(),
    secretHash: text("secret_hash").notNull(),
    /** Who holds the key (a label for audit, not personal data by policy: e.g. "reviewer-3"). */
    label: text("label").notNull(),
    createdAt: integer("created_at").notNull(),
    revokedAt: integer("revoked_at"),
  },
  (t) => [uniqueIndex("reviewer_keys_public").on(t.publicId)],
);

/** Sandbox ID authority: test identities per partner (development routes). */
export const sandboxIdentities = sqliteTable(
  "sandbox_identities",
  {
    id: text("id").primaryKey(),
    partnerId: text("partner_id").notNull(),
    country: text("country").notNull(),
    idType: text("id_type").notNull(),
    /** SHA-256 of the id number (looked up by it); the number itself is in the ciphertext. */
    idNumberHash: text("id_number_hash").notNull(),
    /** {firstName, lastName, middleName, dob, gender, idNumber}: encrypted, AAD `sandbox_identities.person:<id>`. */
    personCiphertext: text("person_ciphertext").notNull(),
    photoR2Key: text("photo_r2_key"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("sandbox_identities_lookup").on(t.partnerId, t.country, t.idType, t.idNumberHash)],
);
