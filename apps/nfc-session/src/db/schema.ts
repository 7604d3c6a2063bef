import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

// Timestamps are unix milliseconds. Live session state is in the SessionObject; these rows let a partner
// find a session by init code after the code was released, and hold what outlives a session.

/** One row per session_init: how a partner's init code leads to its session. No personal data. */
export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    partnerId: text("partner_id").notNull(),
    mode: text("mode", { enum: ["test", "live"] }).notNull(),
    initCode: text("init_code").notNull(),
    createdAt: integer("created_at").notNull(),
    erasedAt: integer("erased_at"),
  },
  (t) => [index("sessions_partner_code_idx").on(t.partnerId, t.initCode, t.createdAt)],
);

export const TRUST_IMPORT_KINDS = ["master_list", "certificate", "crl", "pinned_root"] as const;
export type TrustImportKind = (typeof TRUST_IMPORT_KINDS)[number];

/** One thing an operator imported: a master list, a single CSCA certificate, a CRL or a pinned signer root. */
export const trustImports = sqliteTable("trust_imports", {
  id: text("id").primaryKey(),
  kind: text("kind", { enum: TRUST_IMPORT_KINDS }).notNull(),
  label: text("label"),
  /** For a master list: the fingerprint of the pinned root its signer chained to. */
  verifiedBy: text("verified_by"),
  anchorCount: integer("anchor_count").notNull(),
  createdAt: integer("created_at").notNull(),
});

export const TRUST_ANCHOR_KINDS = ["csca", "crl", "pinned_root"] as const;
export type TrustAnchorKind = (typeof TRUST_ANCHOR_KINDS)[number];

/**
 * A CSCA certificate, CRL or pinned master-list signer root, as DER (base64). The same certificate may
 * come from several imports; removing one import keeps the others' copy.
 */
export const trustAnchors = sqliteTable(
  "trust_anchors",
  {
    id: text("id").primaryKey(),
    importId: text("import_id")
      .notNull()
      .references(() => trustImports.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: TRUST_ANCHOR_KINDS }).notNull(),
    /** Country of the certificate's (or CRL issuer's) subject, as written there. */
    country: text("country"),
    subject: text("subject").notNull(),
    /** SHA-256 of the DER, hex. */
    fingerprint: text("fingerprint").notNull(),
    /** SubjectKeyIdentifier of a certificate, AuthorityKeyIdentifier of a CRL (hex). */
    skid: text("skid"),
    serial: text("serial"),
    /** Validity of a certificate; thisUpdate / nextUpdate of a CRL. ISO 8601. */
    notBefore: text("not_before"),
    notAfter: text("not_after"),
    /** Where it came from, e.g. "master list (signer C=DE, …)". */
    source: text("source").notNull(),
    der: text("der").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("trust_anchors_import_fp_uq").on(t.importId, t.fingerprint),
    index("trust_anchors_kind_idx").on(t.kind, t.country),
  ],
);

export const LOST_STOLEN_REASONS = ["lost", "stolen", "revoked"] as const;

/**
 * A partner's list of documents reported lost or stolen. Looked up by a keyed digest (HMAC of issuing
 * state and document number under each key of ENCRYPTION_KEYS); the number itself is kept encrypted.
 */
export const lostStolen = sqliteTable(
  "lost_stolen",
  {
    id: text("id").primaryKey(),
    partnerId: text("partner_id").notNull(),
    digest: text("digest").notNull(),
    issuingState: text("issuing_state").notNull(),
    documentNumberCiphertext: text("document_number_ciphertext").notNull(),
    reason: text("reason", { enum: LOST_STOLEN_REASONS }).notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("lost_stolen_partner_digest_uq").on(t.partnerId, t.digest)],
);
