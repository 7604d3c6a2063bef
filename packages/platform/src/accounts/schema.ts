import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/** Times are unix milliseconds. Every table carries the tenant key (partner_id). */

export const partners = sqliteTable("partners", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  /** Smile ID's `partner_id`: a numeric string, stable for the partner across key rotations. */
  smileIdPartnerId: text("smile_id_partner_id").notNull().unique(),
  /** NDT's `Merchant-Id` header value. */
  ndtMerchantId: text("ndt_merchant_id").notNull().unique(),
  createdAt: integer("created_at").notNull(),
});

export const apiKeys = sqliteTable(
  "api_keys",
  {
    id: text("id").primaryKey(),
    partnerId: text("partner_id")
      .notNull()
      .references(() => partners.id),
    dialect: text("dialect", {
      enum: ["machinesense", "assure", "smileid", "ndt", "idenfy", "edgekyc"],
    }).notNull(),
    mode: text("mode", { enum: ["test", "live"] }).notNull(),
    /** Public part used for lookup (client id, key prefix); null for Smile ID, looked up by partner. */
    publicId: text("public_id").unique(),
    /** SHA-256 (hex) of the secret. */
    secretHash: text("secret_hash"),
    /** Smile ID only: its signature is an HMAC keyed by the API key, so the key must be recoverable. */
    secretCiphertext: text("secret_ciphertext"),
    scopes: text("scopes", { mode: "json" }).$type<string[]>().notNull(),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at"),
    revokedAt: integer("revoked_at"),
  },
  (t) => [index("api_keys_partner_idx").on(t.partnerId, t.dialect, t.mode)],
);

export const partnerSettings = sqliteTable(
  "partner_settings",
  {
    partnerId: text("partner_id")
      .notNull()
      .references(() => partners.id),
    capability: text("capability").notNull(),
    /** Validated with the capability's zod schema on write and on read. */
    settings: text("settings", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.partnerId, t.capability] })],
);

export const webhookEndpoints = sqliteTable(
  "webhook_endpoints",
  {
    id: text("id").primaryKey(),
    partnerId: text("partner_id")
      .notNull()
      .references(() => partners.id),
    mode: text("mode", { enum: ["test", "live"] }).notNull(),
    /** null: the partner's default endpoint for the mode. */
    capability: text("capability"),
    /** capability, or "default": what the one-active-endpoint rule is about. */
    target: text("target").notNull(),
    url: text("url").notNull(),
    disabledAt: integer("disabled_at"),
    disabledReason: text("disabled_reason"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
    deletedAt: integer("deleted_at"),
  },
  (t) => [
    uniqueIndex("webhook_endpoints_active_target_uq")
      .on(t.partnerId, t.mode, t.target)
      .where(sql`deleted_at is null`),
  ],
);

export const webhookEndpointSecrets = sqliteTable(
  "webhook_endpoint_secrets",
  {
    id: text("id").primaryKey(),
    endpointId: text("endpoint_id")
      .notNull()
      .references(() => webhookEndpoints.id),
    partnerId: text("partner_id").notNull(),
    secretCiphertext: text("secret_ciphertext").notNull(),
    createdAt: integer("created_at").notNull(),
    /** Set when a newer secret replaces it: it keeps signing until then (rotation grace). */
    expiresAt: integer("expires_at"),
  },
  (t) => [index("webhook_endpoint_secrets_endpoint_idx").on(t.endpointId)],
);

/** Smile ID signatures already used: each may authenticate one request only. */
export const replayGuard = sqliteTable(
  "replay_guard",
  {
    partnerId: text("partner_id").notNull(),
    signatureHash: text("signature_hash").notNull(),
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.partnerId, t.signatureHash] }),
    index("replay_guard_expires_idx").on(t.expiresAt),
  ],
);
