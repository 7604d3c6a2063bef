import {
  type Capability,
  type CapabilitySettingsOf,
  DIALECT_CAPABILITY,
  DIALECTS,
  type Dialect,
  defaultCapabilitySettings,
  type EventSource,
  type Mode,
  parseCapabilitySettings,
  type SettingsIssue,
} from "@edgekyc/schemas";
import { and, desc, eq, gt, inArray, isNull, lt, lte, or } from "drizzle-orm";
import { type DrizzleD1Database, drizzle } from "drizzle-orm/d1";
import { Cipher } from "@edgekyc/platform";
import { sha256Hex, toBase64 } from "@edgekyc/platform";
import { newId } from "@edgekyc/platform";
import { toPage } from "@edgekyc/platform";
import { AuthCache } from "./auth-cache.ts";
import { type Credentials, type DialectCredentials, issueKey } from "./credentials.ts";
import * as schema from "./schema.ts";
import {
  type ApiKeyRow,
  type EndpointRow,
  type EndpointView,
  type KeyView,
  type PartnerRow,
  type PartnerView,
  type ResolvedEndpoint,
  toEndpointView,
  toKeyView,
  toPartnerView,
} from "./views.ts";

const { apiKeys, partners, partnerSettings, replayGuard, webhookEndpoints, webhookEndpointSecrets } = schema;

/** Default time an outgoing key or webhook secret keeps working after a rotation. */
export const DEFAULT_GRACE_SECONDS = 86_400;
/** `last_used_at` is written at most this often per key and isolate: a D1 write per request would cost more. */
export const LAST_USED_GRANULARITY_MS = 5 * 60_000;

/** A key as authentication needs it: enough to verify the secret and build the principal. */
export interface AuthKey {
  id: string;
  partnerId: string;
  dialect: Dialect;
  mode: Mode;
  publicId: string;
  scopes: EventSource[];
  /** SHA-256 hex of the secret (null for Smile ID keys). */
  secretHash: string | null;
  expiresAt: number | null;
  revokedAt: number | null;
  lastUsedAt: number | null;
  /** The partner's NDT Merchant-Id, which NDT requests must repeat. */
  ndtMerchantId: string;
}

/** A usable Smile ID key with its API key in clear (the HMAC key of Smile ID signatures). */
export interface SmileIdAuthKey extends AuthKey {
  apiKey: string;
}

export type SettingsWriteResult<C extends Capability> =
  | { ok: true; settings: CapabilitySettingsOf<C> }
  | { ok: false; issues: SettingsIssue[] };

export type UpsertEndpointResult =
  | { created: true; endpoint: EndpointView; secret: string }
  | { created: false; endpoint: EndpointView };

// Ciphertexts are bound to their row and owner, so one copied to another row or partner does not decrypt.
const apiKeyAad = (partnerId: string, keyId: string) => `accounts.api_keys.secret:${partnerId}:${keyId}`;
const endpointSecretAad = (endpointId: string, secretId: string) =>
  `accounts.webhook_endpoint_secrets.secret:${endpointId}:${secretId}`;

/** Standard Webhooks secret: `whsec_` + base64 of 24 random bytes. */
export function newWebhookSecret(): string {
  return `whsec_${toBase64(crypto.getRandomValues(new Uint8Array(24)))}`;
}

/** An 8-digit Smile ID partner_id (Smile ID's own are short numbers; the SDK takes them as strings). */
function newSmileIdPartnerId(): string {
  const [value] = crypto.getRandomValues(new Uint32Array(1));
  return String(10_000_000 + ((value as number) % 90_000_000));
}

function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if (e.message.includes("UNIQUE constraint failed")) return true;
  }
  return false;
}

function isUsable(key: Pick<AuthKey, "revokedAt" | "expiresAt">, now: number): boolean {
  return key.revokedAt === null && (key.expiresAt === null || key.expiresAt > now);
}

// Per isolate, shared by every repository over the same database (ids are globally unique).
const keysByPublicId = new AuthCache<AuthKey & { secretCiphertext: string | null }>();
const keysById = new AuthCache<AuthKey>();
const smileIdKeys = new AuthCache<{ partnerId: string; keys: SmileIdAuthKey[] }>();

function forgetPartnerKeys(partnerId: string): void {
  keysByPublicId.forgetPartner(partnerId);
  keysById.forgetPartner(partnerId);
  smileIdKeys.forgetPartner(partnerId);
}

/** Partner accounts over the shared `kyc-accounts` D1 database (binding `ACCOUNTS`). */
export class AccountsRepository {
  readonly db: DrizzleD1Database<typeof schema>;
  private readonly cipher: Cipher;
  private readonly now: () => number;

  constructor(d1: D1Database, cipher: Cipher, options: { now?: () => number } = {}) {
    this.db = drizzle(d1, { schema });
    this.cipher = cipher;
    this.now = options.now ?? (() => Date.now());
  }

  // ── partners ────────────────────────────────────────────────────────────────────────────────────

  /**
   * Creates a partner with one key per dialect for `mode`, all in one D1 batch (a failure writes
   * nothing). The secrets are returned only here.
   */
  async createPartner(input: {
    name: string;
    mode: Mode;
  }): Promise<{ partner: PartnerView; mode: Mode; credentials: Credentials }> {
    // The Smile ID partner_id is short, so a collision is possible: draw again.
    for (let attempt = 1; ; attempt++) {
      const now = this.now();
      const partner: PartnerRow = {
        id: newId("ptn"),
        name: input.name,
        smileIdPartnerId: newSmileIdPartnerId(),
        ndtMerchantId: crypto.randomUUID(),
        createdAt: now,
        erasedAt: null,
      };
      const issued = await Promise.all(
        DIALECTS.map((dialect) => this.newKey(partner, dialect, input.mode, now)),
      );
      try {
        await this.db.batch([
          this.db.insert(partners).values(partner),
          ...issued.map(({ row }) => this.db.insert(apiKeys).values(row)),
        ]);
      } catch (error) {
        if (attempt < 3 && isUniqueViolation(error)) continue;
        throw error;
      }
      const credentials = Object.fromEntries(
        issued.map(({ row, credentials }) => [row.dialect, credentials]),
      ) as Credentials;
      return { partner: toPartnerView(partner), mode: input.mode, credentials };
    }
  }

  async listPartners(options: {
    limit: number;
    cursor?: string | undefined;
  }): Promise<{ items: PartnerView[]; nextCursor: string | null }> {
    const rows = await this.db
      .select()
      .from(partners)
      .where(options.cursor ? lt(partners.id, options.cursor) : undefined)
      .orderBy(desc(partners.id))
      .limit(options.limit + 1);
    return toPage(rows, options.limit, (row) => row.id, toPartnerView);
  }

  /** The partner, erased or not; null when there is no such partner. */
  async getPartner(partnerId: string): Promise<PartnerView | null> {
    const [row] = await this.db.select().from(partners).where(eq(partners.id, partnerId));
    return row ? toPartnerView(row) : null;
  }

  /** The partner when it exists and was not erased. */
  async getActivePartner(partnerId: string): Promise<PartnerView | null> {
    const partner = await this.getPartner(partnerId);
    return partner && partner.erasedAt === null ? partner : null;
  }

  /**
   * Erases a partner's account data: keys, settings, webhook endpoints and their secrets are deleted and
   * the name is blanked; the row stays (with `erased_at`) so its ids are never handed out again.
   */
  async erasePartner(partnerId: string): Promise<boolean> {
    const partner = await this.getActivePartner(partnerId);
    if (!partner) return false;
    await this.db.batch([
      this.db.delete(replayGuard).where(eq(replayGuard.partnerId, partnerId)),
      this.db.delete(webhookEndpointSecrets).where(eq(webhookEndpointSecrets.partnerId, partnerId)),
      this.db.delete(webhookEndpoints).where(eq(webhookEndpoints.partnerId, partnerId)),
      this.db.delete(partnerSettings).where(eq(partnerSettings.partnerId, partnerId)),
      this.db.delete(apiKeys).where(eq(apiKeys.partnerId, partnerId)),
      this.db.update(partners).set({ name: "", erasedAt: this.now() }).where(eq(partners.id, partnerId)),
    ]);
    forgetPartnerKeys(partnerId);
    return true;
  }

  // ── keys ────────────────────────────────────────────────────────────────────────────────────────

  private async newKey<D extends Dialect>(partner: PartnerRow, dialect: D, mode: Mode, now: number) {
    const issued = issueKey(dialect, mode, partner);
    const id = newId("key");
    const row: ApiKeyRow = {
      id,
      partnerId: partner.id,
      dialect,
      mode,
      publicId: issued.publicId,
      secretHash: dialect === "smileid" ? null : await sha256Hex(issued.secret),
      secretCiphertext:
        dialect === "smileid"
          ? await this.cipher.encryptText(issued.secret, apiKeyAad(partner.id, id))
          : null,
      scopes: [DIALECT_CAPABILITY[dialect]],
      createdAt: now,
      expiresAt: null,
      revokedAt: null,
      lastUsedAt: null,
    };
    return { row, credentials: issued.credentials };
  }

  /** Every key of the partner, usable or not, oldest first; never a secret. */
  async listKeys(partnerId: string): Promise<KeyView[]> {
    const rows = await this.db
      .select()
      .from(apiKeys)
      .where(eq(apiKeys.partnerId, partnerId))
      .orderBy(apiKeys.id);
    const now = this.now();
    return rows.map((row) => toKeyView(row, now));
  }

  /**
   * Issues a new key for one dialect and mode. The dialect's other usable keys of that mode expire after
   * `graceSeconds` (0 = now), so clients can switch without downtime. Null when the partner does not exist.
   */
  async rotateKeys<D extends Dialect>(
    partnerId: string,
    dialect: D,
    mode: Mode,
    graceSeconds: number = DEFAULT_GRACE_SECONDS,
  ): Promise<{ key: KeyView; credentials: DialectCredentials[D] } | null> {
    const [partner] = await this.db
      .select()
      .from(partners)
      .where(and(eq(partners.id, partnerId), isNull(partners.erasedAt)));
    if (!partner) return null;
    const now = this.now();
    const expiresAt = now + graceSeconds * 1000;
    const { row, credentials } = await this.newKey(partner, dialect, mode, now);
    await this.db.batch([
      this.db
        .update(apiKeys)
        .set({ expiresAt })
        .where(
          and(
            eq(apiKeys.partnerId, partnerId),
            eq(apiKeys.dialect, dialect),
            eq(apiKeys.mode, mode),
            isNull(apiKeys.revokedAt),
            or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, expiresAt)),
          ),
        ),
      this.db.insert(apiKeys).values(row),
    ]);
    forgetPartnerKeys(partnerId);
    return { key: toKeyView(row, now), credentials };
  }

  /** Revokes a key at once (idempotent: a revoked key keeps its first revocation time). */
  async revokeKey(partnerId: string, keyId: string): Promise<KeyView | null> {
    const now = this.now();
    const [updated] = await this.db
      .update(apiKeys)
      .set({ revokedAt: now })
      .where(and(eq(apiKeys.id, keyId), eq(apiKeys.partnerId, partnerId), isNull(apiKeys.revokedAt)))
      .returning();
    const row =
      updated ??
      (await this.db
        .select()
        .from(apiKeys)
        .where(and(eq(apiKeys.id, keyId), eq(apiKeys.partnerId, partnerId)))
        .then((rows) => rows[0]));
    if (!row) return null;
    forgetPartnerKeys(partnerId);
    return toKeyView(row, now);
  }

  /**
   * The usable key of `dialect` with this public id, or null: unknown, another dialect's, revoked,
   * expired, or its partner erased. Found records are cached per isolate for a short time; the checks
   * run on every call.
   */
  async findKeyForAuth(dialect: Dialect, publicId: string): Promise<AuthKey | null> {
    const now = this.now();
    const cacheKey = `pub:${publicId}`;
    let key = keysByPublicId.get(cacheKey, now);
    if (!key) {
      const found = await this.loadAuthKeys(eq(apiKeys.publicId, publicId));
      key = found[0];
      if (key) keysByPublicId.set(cacheKey, key.partnerId, key, now);
    }
    return key && key.dialect === dialect && isUsable(key, now) ? key : null;
  }

  /** As `findKeyForAuth`, by key id (Assure access tokens name their key). */
  async findKeyForAuthById(dialect: Dialect, keyId: string): Promise<AuthKey | null> {
    const now = this.now();
    const cacheKey = `id:${keyId}`;
    let key = keysById.get(cacheKey, now);
    if (!key) {
      const found = await this.loadAuthKeys(eq(apiKeys.id, keyId));
      key = found[0];
      if (key) keysById.set(cacheKey, key.partnerId, key, now);
    }
    return key && key.dialect === dialect && isUsable(key, now) ? key : null;
  }

  /** The partner with this Smile ID partner_id and its usable Smile ID keys, decrypted; null when unknown. */
  async findSmileIdKeysForAuth(
    smileIdPartnerId: string,
  ): Promise<{ partnerId: string; keys: SmileIdAuthKey[] } | null> {
    const now = this.now();
    const cacheKey = `sid:${smileIdPartnerId}`;
    let entry = smileIdKeys.get(cacheKey, now);
    if (!entry) {
      const [partner] = await this.db
        .select({ id: partners.id })
        .from(partners)
        .where(and(eq(partners.smileIdPartnerId, smileIdPartnerId), isNull(partners.erasedAt)));
      if (!partner) return null;
      const rows = await this.loadAuthKeys(
        and(eq(apiKeys.partnerId, partner.id), eq(apiKeys.dialect, "smileid")),
      );
      // Expiry and revocation never go back, so only keys usable now are worth decrypting.
      const keys = await Promise.all(
        rows
          .filter((row) => isUsable(row, now) && row.secretCiphertext !== null)
          .map(async ({ secretCiphertext, ...key }) => ({
            ...key,
            apiKey: await this.cipher.decryptText(
              secretCiphertext as string,
              apiKeyAad(key.partnerId, key.id),
            ),
          })),
      );
      entry = { partnerId: partner.id, keys };
      smileIdKeys.set(cacheKey, partner.id, entry, now);
    }
    return { partnerId: entry.partnerId, keys: entry.keys.filter((key) => isUsable(key, now)) };
  }

  private async loadAuthKeys(where: ReturnType<typeof and>) {
    const rows = await this.db
      .select({
        id: apiKeys.id,
        partnerId: apiKeys.partnerId,
        dialect: apiKeys.dialect,
        mode: apiKeys.mode,
        publicId: apiKeys.publicId,
        scopes: apiKeys.scopes,
        secretHash: apiKeys.secretHash,
        secretCiphertext: apiKeys.secretCiphertext,
        expiresAt: apiKeys.expiresAt,
        revokedAt: apiKeys.revokedAt,
        lastUsedAt: apiKeys.lastUsedAt,
        ndtMerchantId: partners.ndtMerchantId,
      })
      .from(apiKeys)
      .innerJoin(partners, eq(partners.id, apiKeys.partnerId))
      .where(and(where, isNull(partners.erasedAt)));
    return rows;
  }

  /**
   * Records that a key was used; writes at most every LAST_USED_GRANULARITY_MS per key and isolate.
   * Meant for `waitUntil`: nobody waits for it.
   */
  async markKeyUsed(key: AuthKey): Promise<void> {
    const now = this.now();
    if (key.lastUsedAt !== null && now - key.lastUsedAt < LAST_USED_GRANULARITY_MS) return;
    // The cached record carries the time too, so the next requests of this isolate skip the write.
    key.lastUsedAt = now;
    await this.db
      .update(apiKeys)
      .set({ lastUsedAt: now })
      .where(
        and(
          eq(apiKeys.id, key.id),
          or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, now - LAST_USED_GRANULARITY_MS)),
        ),
      );
  }

  /**
   * Records a Smile ID signature as used until `expiresAt`; false when it was used before (a replay).
   * The partner's expired entries are dropped in the same batch.
   */
  async useSmileIdSignature(partnerId: string, signature: string, expiresAt: number): Promise<boolean> {
    const signatureHash = await sha256Hex(signature);
    const [, inserted] = await this.db.batch([
      this.db
        .delete(replayGuard)
        .where(and(eq(replayGuard.partnerId, partnerId), lte(replayGuard.expiresAt, this.now()))),
      this.db
        .insert(replayGuard)
        .values({ partnerId, signatureHash, expiresAt })
        .onConflictDoNothing()
        .returning({ partnerId: replayGuard.partnerId }),
    ]);
    return inserted.length === 1;
  }

  // ── settings ────────────────────────────────────────────────────────────────────────────────────

  /** The partner's settings for a capability, defaults filled in (all defaults when never set). */
  async getSettings<C extends Capability>(
    partnerId: string,
    capability: C,
  ): Promise<CapabilitySettingsOf<C>> {
    const [row] = await this.db
      .select({ settings: partnerSettings.settings })
      .from(partnerSettings)
      .where(and(eq(partnerSettings.partnerId, partnerId), eq(partnerSettings.capability, capability)));
    if (!row) return defaultCapabilitySettings(capability);
    const parsed = parseCapabilitySettings(capability, row.settings);
    if (!parsed.success) {
      // Fail loudly: silently falling back to defaults could loosen a partner's checks.
      const fields = parsed.issues.map((issue) => issue.path).join(", ");
      throw new Error(
        `stored ${capability} settings of partner ${partnerId} no longer validate (${fields}); store them again`,
      );
    }
    return parsed.data;
  }

  /**
   * Replaces the partner's settings for a capability. Only what the partner sent is stored (validated),
   * so fields left out follow the defaults of the deployed version.
   */
  async putSettings<C extends Capability>(
    partnerId: string,
    capability: C,
    input: unknown,
  ): Promise<SettingsWriteResult<C>> {
    const parsed = parseCapabilitySettings(capability, input);
    if (!parsed.success) return { ok: false, issues: parsed.issues };
    const settings = input as Record<string, unknown>;
    const updatedAt = this.now();
    await this.db
      .insert(partnerSettings)
      .values({ partnerId, capability, settings, updatedAt })
      .onConflictDoUpdate({
        target: [partnerSettings.partnerId, partnerSettings.capability],
        set: { settings, updatedAt },
      });
    return { ok: true, settings: parsed.data };
  }

  // ── webhook endpoints ───────────────────────────────────────────────────────────────────────────
  // URLs are not checked here: the gateway's SSRF guard decides what it may POST to, before calling.

  /**
   * Creates an endpoint with its first secret (returned only here). Null when the partner already has
   * an active endpoint for that mode and capability-or-default.
   */
  async createEndpoint(
    partnerId: string,
    mode: Mode,
    input: { url: string; capability: Capability | null },
  ): Promise<{ endpoint: EndpointView; secret: string } | null> {
    const now = this.now();
    const id = newId("whe");
    const secret = newWebhookSecret();
    const secretId = newId("whs");
    try {
      const [[row]] = await this.db.batch([
        this.db
          .insert(webhookEndpoints)
          .values({
            id,
            partnerId,
            mode,
            capability: input.capability,
            url: input.url,
            createdAt: now,
            updatedAt: now,
          })
          .returning(),
        this.db.insert(webhookEndpointSecrets).values({
          id: secretId,
          partnerId,
          endpointId: id,
          secretCiphertext: await this.cipher.encryptText(secret, endpointSecretAad(id, secretId)),
          createdAt: now,
        }),
      ]);
      return { endpoint: toEndpointView(row as EndpointRow), secret };
    } catch (error) {
      if (isUniqueViolation(error)) return null;
      throw error;
    }
  }

  /** Active (not deleted) endpoints, oldest first; one mode or both. */
  async listEndpoints(partnerId: string, mode?: Mode): Promise<EndpointView[]> {
    const rows = await this.db
      .select()
      .from(webhookEndpoints)
      .where(
        and(
          eq(webhookEndpoints.partnerId, partnerId),
          mode ? eq(webhookEndpoints.mode, mode) : undefined,
          isNull(webhookEndpoints.deletedAt),
        ),
      )
      .orderBy(webhookEndpoints.id);
    return rows.map(toEndpointView);
  }

  private async endpointRow(partnerId: string, endpointId: string, mode?: Mode): Promise<EndpointRow | null> {
    const [row] = await this.db
      .select()
      .from(webhookEndpoints)
      .where(
        and(
          eq(webhookEndpoints.id, endpointId),
          eq(webhookEndpoints.partnerId, partnerId),
          mode ? eq(webhookEndpoints.mode, mode) : undefined,
          isNull(webhookEndpoints.deletedAt),
        ),
      );
    return row ?? null;
  }

  /** One active endpoint of the partner (and of `mode`, when given). */
  async getEndpoint(partnerId: string, endpointId: string, mode?: Mode): Promise<EndpointView | null> {
    const row = await this.endpointRow(partnerId, endpointId, mode);
    return row ? toEndpointView(row) : null;
  }

  /** Changes the URL and/or enables or disables the endpoint. */
  async updateEndpoint(
    partnerId: string,
    endpointId: string,
    mode: Mode | undefined,
    change: { url?: string | undefined; disabled?: boolean | undefined; disabledReason?: string | undefined },
  ): Promise<EndpointView | null> {
    const existing = await this.endpointRow(partnerId, endpointId, mode);
    if (!existing) return null;
    const now = this.now();
    const disabling = change.disabled === true && existing.disabledAt === null;
    const [row] = await this.db
      .update(webhookEndpoints)
      .set({
        ...(change.url !== undefined ? { url: change.url } : {}),
        ...(disabling
          ? { disabledAt: now, disabledReason: change.disabledReason ?? "disabled by the partner" }
          : {}),
        ...(change.disabled === false ? { disabledAt: null, disabledReason: null } : {}),
        updatedAt: now,
      })
      .where(and(eq(webhookEndpoints.id, endpointId), eq(webhookEndpoints.partnerId, partnerId)))
      .returning();
    return row ? toEndpointView(row) : null;
  }

  /** Stops deliveries to the endpoint and says why (delivery calls this after too many failures). */
  async disableEndpoint(partnerId: string, endpointId: string, reason: string): Promise<EndpointView | null> {
    return this.updateEndpoint(partnerId, endpointId, undefined, {
      disabled: true,
      disabledReason: reason.slice(0, 500),
    });
  }

  /** Deletes the endpoint (kept as a tombstone for the delivery history) and its secrets. */
  async deleteEndpoint(partnerId: string, endpointId: string, mode?: Mode): Promise<boolean> {
    const existing = await this.endpointRow(partnerId, endpointId, mode);
    if (!existing) return false;
    const now = this.now();
    await this.db.batch([
      this.db
        .update(webhookEndpoints)
        .set({ deletedAt: now, updatedAt: now })
        .where(and(eq(webhookEndpoints.id, endpointId), eq(webhookEndpoints.partnerId, partnerId))),
      this.db
        .delete(webhookEndpointSecrets)
        .where(
          and(
            eq(webhookEndpointSecrets.endpointId, endpointId),
            eq(webhookEndpointSecrets.partnerId, partnerId),
          ),
        ),
    ]);
    return true;
  }

  /**
   * A new signing secret (returned only here). The previous ones keep signing for `graceSeconds`, so
   * deliveries carry both signatures while the partner switches (Standard Webhooks multi-signature).
   */
  async rotateEndpointSecret(
    partnerId: string,
    endpointId: string,
    mode: Mode | undefined,
    graceSeconds: number = DEFAULT_GRACE_SECONDS,
  ): Promise<{ endpoint: EndpointView; secret: string } | null> {
    const endpoint = await this.endpointRow(partnerId, endpointId, mode);
    if (!endpoint) return null;
    const now = this.now();
    const expiresAt = now + graceSeconds * 1000;
    const secret = newWebhookSecret();
    const secretId = newId("whs");
    await this.db.batch([
      this.db
        .update(webhookEndpointSecrets)
        .set({ expiresAt })
        .where(
          and(
            eq(webhookEndpointSecrets.endpointId, endpointId),
            eq(webhookEndpointSecrets.partnerId, partnerId),
            or(isNull(webhookEndpointSecrets.expiresAt), gt(webhookEndpointSecrets.expiresAt, expiresAt)),
          ),
        ),
      this.db.insert(webhookEndpointSecrets).values({
        id: secretId,
        partnerId,
        endpointId,
        secretCiphertext: await this.cipher.encryptText(secret, endpointSecretAad(endpointId, secretId)),
        createdAt: now,
      }),
    ]);
    return { endpoint: toEndpointView(endpoint), secret };
  }

  /**
   * Where a partner's event for `capability` goes: the capability's active endpoint, else the partner's
   * default endpoint for the mode, with its valid secrets (newest first). A disabled capability endpoint
   * is returned as it is (no fallback to the default): the partner chose that URL for these events.
   * `webhook-gateway` (test events) and null resolve to the default endpoint.
   */
  async resolveEndpoint(
    partnerId: string,
    mode: Mode,
    capability: EventSource | null,
  ): Promise<ResolvedEndpoint | null> {
    const own = capability === null || capability === "webhook-gateway" ? null : capability;
    const targets = own ? [own, "default"] : ["default"];
    const rows = await this.db
      .select({ endpoint: webhookEndpoints })
      .from(webhookEndpoints)
      .innerJoin(partners, eq(partners.id, webhookEndpoints.partnerId))
      .where(
        and(
          eq(webhookEndpoints.partnerId, partnerId),
          eq(webhookEndpoints.mode, mode),
          inArray(webhookEndpoints.target, targets),
          isNull(webhookEndpoints.deletedAt),
          isNull(partners.erasedAt),
        ),
      );
    const chosen =
      rows.find(({ endpoint }) => endpoint.capability === own && own !== null) ??
      rows.find(({ endpoint }) => endpoint.capability === null);
    return chosen ? this.withSecrets(chosen.endpoint) : null;
  }

  /** One active endpoint with its valid secrets (replays to the endpoint a delivery went to). */
  async endpointWithSecrets(partnerId: string, endpointId: string): Promise<ResolvedEndpoint | null> {
    const row = await this.endpointRow(partnerId, endpointId);
    return row ? this.withSecrets(row) : null;
  }

  private async withSecrets(row: EndpointRow): Promise<ResolvedEndpoint> {
    const now = this.now();
    const secrets = await this.db
      .select()
      .from(webhookEndpointSecrets)
      .where(
        and(
          eq(webhookEndpointSecrets.endpointId, row.id),
          eq(webhookEndpointSecrets.partnerId, row.partnerId),
          or(isNull(webhookEndpointSecrets.expiresAt), gt(webhookEndpointSecrets.expiresAt, now)),
        ),
      )
      .orderBy(desc(webhookEndpointSecrets.createdAt), desc(webhookEndpointSecrets.id));
    return {
      ...toEndpointView(row),
      partnerId: row.partnerId,
      secrets: await Promise.all(
        secrets.map((secret) =>
          this.cipher.decryptText(secret.secretCiphertext, endpointSecretAad(row.id, secret.id)),
        ),
      ),
    };
  }

  /**
   * Admin: sets the URL of the partner's default or capability endpoint, creating it (with a secret)
   * when there is none. Setting the URL also re-enables an endpoint that delivery disabled.
   */
  async upsertEndpoint(
    partnerId: string,
    mode: Mode,
    capability: Capability | null,
    url: string,
  ): Promise<UpsertEndpointResult> {
    for (let attempt = 1; ; attempt++) {
      const [existing] = await this.db
        .select({ id: webhookEndpoints.id })
        .from(webhookEndpoints)
        .where(
          and(
            eq(webhookEndpoints.partnerId, partnerId),
            eq(webhookEndpoints.mode, mode),
            eq(webhookEndpoints.target, capability ?? "default"),
            isNull(webhookEndpoints.deletedAt),
          ),
        );
      if (existing) {
        const endpoint = await this.updateEndpoint(partnerId, existing.id, mode, { url, disabled: false });
        if (endpoint) return { created: false, endpoint };
      } else {
        const created = await this.createEndpoint(partnerId, mode, { url, capability });
        if (created) return { created: true, ...created };
      }
      // Another request created or deleted it in between: look again.
      if (attempt >= 3) throw new Error("webhook endpoint changed concurrently; retry");
    }
  }
}

let isolateAccounts: { db: D1Database; keyRing: string; accounts: Promise<AccountsRepository> } | undefined;

/** The repository for a Worker's env: built once per isolate (importing the AES keys is the costly part). */
export function getAccounts(env: {
  ACCOUNTS: D1Database;
  ENCRYPTION_KEYS: string;
}): Promise<AccountsRepository> {
  if (isolateAccounts?.db !== env.ACCOUNTS || isolateAccounts.keyRing !== env.ENCRYPTION_KEYS) {
    const accounts = Cipher.fromKeyRing(env.ENCRYPTION_KEYS).then(
      (cipher) => new AccountsRepository(env.ACCOUNTS, cipher),
    );
    // A bad key ring must not stay cached as a rejected promise.
    accounts.catch(() => {
      if (isolateAccounts?.accounts === accounts) isolateAccounts = undefined;
    });
    isolateAccounts = { db: env.ACCOUNTS, keyRing: env.ENCRYPTION_KEYS, accounts };
  }
  return isolateAccounts.accounts;
}
