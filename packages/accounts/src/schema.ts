import { CAPABILITIES, DIALECTS, EventSource, MODES } from "@edgekyc/schemas";
import { sql } from "drizzle-orm";
import {
  check,
  customType,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";
import { z } from "zod";

// The shared `kyc-accounts` database. Times are unix milliseconds. Every table carries the tenant key
// (`partner_id`, or `id` on `partners`), so every query can be scoped to one partner and a partner's rows
// can be found for erasure without joins.

/** JSON in a text column, validated with zod whenever it is written and whenever it is read. */
function jsonText<S extends z.ZodType>(schema: S) {
  return customType<{ data: z.output<S>; driverData: string }>({
    dataType: () => "text",
    toDriver: (value) => JSON.stringify(schema.parse(value)),
    fromDriver: (value) => schema.parse(JSON.parse(value)),
  });
}

/** What a key may be used for: capabilities (or `webhook-gateway` for the platform API). */
export const KeyScopes = z.array(EventSource).min(1);
export type KeyScopes = z.output<typeof KeyScopes>;

/** A partner's stored settings for one capability, as given; the capability's schema checks them. */
const StoredSettings = z.record(z.string(), z.unknown());

const inList = (column: string, values: readonly string[]) =>
  `${column} in (${values.map((value) => `'${value}'`).join(", ")})`;

export const partners = sqliteTable(
  "partners",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    /** Smile ID's `partner_id`: a numeric string, the same for all the partner's Smile ID keys. */
    smileIdPartnerId: text("smile_id_partner_id").notNull(),
    /** NDT's `Merchant-Id` header value (a UUID). */
    ndtMerchantId: text("ndt_merchant_id").notNull(),
    createdAt: integer("created_at").notNull(),
    /** Set when the partner was erased: its keys, settings and endpoints are gone, the ids stay reserved. */
    erasedAt: integer("erased_at"),
  },
  (t) => [
    uniqueIndex("partners_smile_id_partner_id_uq").on(t.smileIdPartnerId),
    uniqueIndex("partners_ndt_merchant_id_uq").on(t.ndtMerchantId),
    check(
      "partners_smile_id_partner_id_numeric",
      sql`length(smile_id_partner_id) between 1 and 20 and smile_id_partner_id not glob '*[^0-9]*'`,
    ),
    check("partners_ndt_merchant_id_uuid", sql`length(ndt_merchant_id) = 36`),
  ],
);

export const apiKeys = sqliteTable(
  "api_keys",
  {
    id: text("id").primaryKey(),
    partnerId: text("partner_id")
      .notNull()
      .references(() => partners.id),
    dialect: text("dialect", { enum: DIALECTS }).notNull(),
    mode: text("mode", { enum: MODES }).notNull(),
    /**
     * The public half of the credential, used for lookup (`ms_test_<pub>`, an Assure client_id …). Smile ID
     * credentials carry no key identifier (a partner_id and a secret), so there it only labels the key.
     */
    publicId: text("public_id").notNull(),
    /** SHA-256 (hex) of the secret; the secrets are 32 random bytes, so no slow hash is needed. */
    secretHash: text("secret_hash"),
    /** Smile ID only: its signature is an HMAC keyed by the API key, so the server must hold the key. */
    secretCiphertext: text("secret_ciphertext"),
    scopes: jsonText(KeyScopes)("scopes").notNull(),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at"),
    revokedAt: integer("revoked_at"),
    /** Updated at most every few minutes per key, not on every request. */
    lastUsedAt: integer("last_used_at"),
  },
  (t) => [
    uniqueIndex("api_keys_public_id_uq").on(t.publicId),
    index("api_keys_partner_dialect_mode_idx").on(t.partnerId, t.dialect, t.mode),
    check("api_keys_dialect_known", sql.raw(inList("dialect", DIALECTS))),
    check("api_keys_mode_known", sql.raw(inList("mode", MODES))),
    check(
      "api_keys_secret_storage",
      sql`(dialect = 'smileid' and secret_ciphertext is not null and secret_hash is null) or (dialect <> 'smileid' and secret_hash is not null and secret_ciphertext is null)`,
    ),
  ],
);

export const partnerSettings = sqliteTable(
  "partner_settings",
  {
    partnerId: text("partner_id")
      .notNull()
      .references(() => partners.id),
    capability: text("capability", { enum: CAPABILITIES }).notNull(),
    /** Only what the partner set; `parseCapabilitySettings` validates it on write and on read. */
    settings: jsonText(StoredSettings)("settings").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.partnerId, t.capability] }),
    check("partner_settings_capability_known", sql.raw(inList("capability", CAPABILITIES))),
  ],
);

export const webhookEndpoints = sqliteTable(
  "webhook_endpoints",
  {
    id: text("id").primaryKey(),
    partnerId: text("partner_id")
      .notNull()
      .references(() => partners.id),
    mode: text("mode", { enum: MODES }).notNull(),
    /** null: the partner's default endpoint for the mode, used by capabilities without their own. */
    capability: text("capability", { enum: CAPABILITIES }),
    /** The capability or "default": what the one-active-endpoint rule is about. */
    target: text("target").generatedAlwaysAs(sql`coalesce(capability, 'default')`, { mode: "virtual" }),
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
    check("webhook_endpoints_mode_known", sql.raw(inList("mode", MODES))),
    check(
      "webhook_endpoints_capability_known",
      sql.raw(`capability is null or ${inList("capability", CAPABILITIES)}`),
    ),
  ],
);

export const webhookEndpointSecrets = sqliteTable(
  "webhook_endpoint_secrets",
  {
    id: text("id").primaryKey(),
    partnerId: text("partner_id")
      .notNull()
      .references(() => partners.id),
    endpointId: text("endpoint_id")
      .notNull()
      .references(() => webhookEndpoints.id),
    /** `whsec_…`, encrypted with AAD bound to the endpoint and this row. */
    secretCiphertext: text("secret_ciphertext").notNull(),
    createdAt: integer("created_at").notNull(),
    /** Set when a newer secret replaced it: until then deliveries are signed with both. */
    expiresAt: integer("expires_at"),
  },
  (t) => [index("webhook_endpoint_secrets_endpoint_idx").on(t.endpointId, t.expiresAt)],
);

/** Smile ID signatures already used: each may authenticate one request only, until its timestamp is stale. */
export const replayGuard = sqliteTable(
  "replay_guard",
  {
    partnerId: text("partner_id")
      .notNull()
      .references(() => partners.id),
    signatureHash: text("signature_hash").notNull(),
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.partnerId, t.signatureHash] }),
    index("replay_guard_expires_idx").on(t.expiresAt),
  ],
);
