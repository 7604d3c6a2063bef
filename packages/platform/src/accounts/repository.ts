import {
  type Capability,
  DIALECT_CAPABILITY,
  DIALECTS,
  type Dialect,
  defaultCapabilitySettings,
  type Mode,
  parseCapabilitySettings,
  type SettingsIssue,
} from "@edgekyc/schemas";
import { and, asc, desc, eq, gt, inArray, isNull, lt, or } from "drizzle-orm";
import { type DrizzleD1Database, drizzle } from "drizzle-orm/d1";
import { Cipher } from "../crypto/cipher.ts";
import { sha256Hex, toBase64 } from "../crypto/digest.ts";
import { newId } from "../ids.ts";
import { issueKey } from "./credentials.ts";
import * as schema from "./schema.ts";

const { apiKeys, partners, partnerSettings, replayGuard, webhookEndpoints, webhookEndpointSecrets } = schema;

export type PartnerRow = typeof partners.$inferSelect;
export type ApiKeyRow = typeof apiKeys.$inferSelect;
export type EndpointRow = typeof webhookEndpoints.$inferSelect;

export interface PartnerView {
  id: string;
  name: string;
  smileIdPartnerId: string;
  ndtMerchantId: string;
  createdAt: string;
}

export interface KeyView {
  id: string;
  dialect: Dialect;
  mode: Mode;
  publicId: string | null;
  scopes: string[];
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
}

export interface EndpointView {
  id: string;
  url: string;
  capability: Capability | null;
  mode: Mode;
  disabled: boolean;
  disabledReason: string | null;
  createdAt: string;
  updatedAt: string;
}

export type Credentials = Partial<Record<Dialect, Record<string, string>>>;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const secretAad = (keyId: string) => `accounts.api_keys.secret:${keyId}`;
const endpointSecretAad = (secretId: string) => `accounts.webhook_endpoint_secrets.secret:${secretId}`;

/** How long a key lookup is trusted inside an isolate; revocation elsewhere takes effect within this. */
export const KEY_CACHE_TTL_MS = 30_000;
const keyCache = new Map<string, { row: (ApiKeyRow & { partner: PartnerRow }) | null; until: number }>();

export function toPartnerView(row: PartnerRow): PartnerView {
  return {
    id: row.id,
    name: row.name,
    smileIdPartnerId: row.smileIdPartnerId,
    ndtMerchantId: row.ndtMerchantId,
    createdAt: new Date(row.createdAt).toISOString(),
  };
}

export function toKeyView(row: ApiKeyRow): KeyView {
  return {
    id: row.id,
    dialect: row.dialect,
    mode: row.mode,
    publicId: row.publicId,
    scopes: row.scopes,
    createdAt: new Date(row.createdAt).toISOString(),
    expiresAt: iso(row.expiresAt),
    revokedAt: iso(row.revokedAt),
  };
}

export function toEndpointView(row: EndpointRow): EndpointView {
  return {
    id: row.id,
    url: row.url,
    capability: row.capability as Capability | null,
    mode: row.mode,
    disabled: row.disabledAt !== null,
    disabledReason: row.disabledReason,
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}

export function isKeyUsable(row: ApiKeyRow, now: number): boolean {
  return row.revokedAt === null && (row.expiresAt === null || row.expiresAt > now);
}

function newWebhookSecret(): string {
  return `whsec_${toBase64(crypto.getRandomValues(new Uint8Array(24)))}`;
}

/** Partner accounts over the shared `kyc-accounts` D1 database. */
export class AccountsRepository {
  readonly db: DrizzleD1Database<typeof schema>;

  constructor(
    d1: D1Database,
    readonly cipher: Cipher,
    private readonly now: () => number = Date.now,
  ) {
    this.db = drizzle(d1, { schema });
  }

  // ── partners and keys ──────────────────────────────────────────────────────────────────────────

  /** Creates a partner with a credential for every dialect in one batch (all or nothing). */
  async createPartner(input: {
    name: string;
    mode: Mode;
  }): Promise<{ partner: PartnerView; mode: Mode; credentials: Credentials }> {
    const now = this.now();
    const partner: PartnerRow = {
      id: newId("ptn"),
      name: input.name,
      smileIdPartnerId: String(
        1_000_000 + ((crypto.getRandomValues(new Uint32Array(1))[0] as number) % 9_000_000),
      ),
      ndtMerchantId: crypto.randomUUID(),
      createdAt: now,
    };
    const keys = await Promise.all(DIALECTS.map((dialect) => this.keyRow(partner, dialect, input.mode, now)));
    await this.db.batch([
      this.db.insert(partners).values(partner),
      ...keys.map(({ row }) => this.db.insert(apiKeys).values(row)),
    ]);
    return {
      partner: toPartnerView(partner),
      mode: input.mode,
      credentials: Object.fromEntries(keys.map(({ row, credentials }) => [row.dialect, credentials])),
    };
  }

  private async keyRow(partner: PartnerRow, dialect: Dialect, mode: Mode, now: number) {
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
        dialect === "smileid" ? await this.cipher.encryptText(issued.secret, secretAad(id)) : null,
      scopes: [DIALECT_CAPABILITY[dialect]],
      createdAt: now,
      expiresAt: null,
      revokedAt: null,
    };
    return { row, credentials: issued.credentials };
  }

  async listPartners(options: { limit: number; cursor?: string | undefined }) {
    const rows = await this.db
      .select()
      .from(partners)
      .where(options.cursor ? lt(partners.id, options.cursor) : undefined)
      .orderBy(desc(partners.id))
      .limit(options.limit + 1);
    const page = rows.slice(0, options.limit);
    return {
      items: page.map(toPartnerView),
      nextCursor: rows.length > options.limit ? (page.at(-1)?.id ?? null) : null,
    };
  }

  async getPartner(partnerId: string): Promise<PartnerRow | null> {
    const [row] = await this.db.select().from(partners).where(eq(partners.id, partnerId));
    return row ?? null;
  }

  async listKeys(partnerId: string): Promise<KeyView[]> {
    const rows = await this.db
      .select()
      .from(apiKeys)
      .where(eq(apiKeys.partnerId, partnerId))
      .orderBy(asc(apiKeys.id));
    return rows.map(toKeyView);
  }

  /** Issues a new credential; the dialect's other usable keys of that mode expire after the grace period. */
  async rotateKeys(partnerId: string, dialect: Dialect, mode: Mode, graceSeconds: number) {
    const partner = await this.getPartner(partnerId);
    if (!partner) return null;
    const now = this.now();
    const expiresAt = now + graceSeconds * 1000;
    const { row, credentials } = await this.keyRow(partner, dialect, mode, now);
    const current = and(
      eq(apiKeys.partnerId, partnerId),
      eq(apiKeys.dialect, dialect),
      eq(apiKeys.mode, mode),
      isNull(apiKeys.revokedAt),
      or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, expiresAt)),
    );
    const outgoing = await this.db.select({ id: apiKeys.id }).from(apiKeys).where(current);
    await this.db.batch([
      this.db.update(apiKeys).set({ expiresAt }).where(current),
      this.db.insert(apiKeys).values(row),
    ]);
    if (outgoing.length > 0) forgetPartnerKeys(partnerId);
    return { key: toKeyView(row), credentials };
  }

  async revokeKey(partnerId: string, keyId: string): Promise<KeyView | null> {
    const [row] = await this.db
      .update(apiKeys)
      .set({ revokedAt: this.now() })
      .where(and(eq(apiKeys.id, keyId), eq(apiKeys.partnerId, partnerId), isNull(apiKeys.revokedAt)))
      .returning();
    const existing =
      row ??
      (
        await this.db
          .select()
          .from(apiKeys)
          .where(and(eq(apiKeys.id, keyId), eq(apiKeys.partnerId, partnerId)))
      )[0];
    if (!existing) return null;
    forgetPartnerKeys(partnerId);
    return toKeyView(existing);
  }

  /** The key with this public id and its partner (cached briefly per isolate), usable or not. */
  async findKeyByPublicId(publicId: string): Promise<(ApiKeyRow & { partner: PartnerRow }) | null> {
    return cached(`pub:${publicId}`, this.now(), async () => {
      const [row] = await this.db
        .select({ key: apiKeys, partner: partners })
        .from(apiKeys)
        .innerJoin(partners, eq(partners.id, apiKeys.partnerId))
        .where(eq(apiKeys.publicId, publicId));
      return row ? { ...row.key, partner: row.partner } : null;
    });
  }

  async findKeyById(keyId: string): Promise<(ApiKeyRow & { partner: PartnerRow }) | null> {
    return cached(`id:${keyId}`, this.now(), async () => {
      const [row] = await this.db
        .select({ key: apiKeys, partner: partners })
        .from(apiKeys)
        .innerJoin(partners, eq(partners.id, apiKeys.partnerId))
        .where(eq(apiKeys.id, keyId));
      return row ? { ...row.key, partner: row.partner } : null;
    });
  }

  /** Usable Smile ID keys of the partner with this Smile ID partner_id, decrypted. */
  async smileIdKeys(
    smileIdPartnerId: string,
  ): Promise<{ partner: PartnerRow; keys: { row: ApiKeyRow; secret: string }[] } | null> {
    const [partner] = await this.db
      .select()
      .from(partners)
      .where(eq(partners.smileIdPartnerId, smileIdPartnerId));
    if (!partner) return null;
    const now = this.now();
    const rows = await this.db
      .select()
      .from(apiKeys)
      .where(and(eq(apiKeys.partnerId, partner.id), eq(apiKeys.dialect, "smileid")));
    const keys = await Promise.all(
      rows
        .filter((row) => isKeyUsable(row, now) && row.secretCiphertext)
        .map(async (row) => ({
          row,
          secret: await this.cipher.decryptText(row.secretCiphertext as string, secretAad(row.id)),
        })),
    );
    return { partner, keys };
  }

  /** Records a Smile ID signature; false when it was used before (a replay). */
  async useSignatureOnce(partnerId: string, signature: string, expiresAt: number): Promise<boolean> {
    const now = this.now();
    const signatureHash = await sha256Hex(signature);
    await this.db.delete(replayGuard).where(lt(replayGuard.expiresAt, now));
    const inserted = await this.db
      .insert(replayGuard)
      .values({ partnerId, signatureHash, expiresAt })
      .onConflictDoNothing()
      .returning({ partnerId: replayGuard.partnerId });
    return inserted.length === 1;
  }

  // ── settings ───────────────────────────────────────────────────────────────────────────────────

  async getSettings<C extends Capability>(partnerId: string, capability: C) {
    const [row] = await this.db
      .select()
      .from(partnerSettings)
      .where(and(eq(partnerSettings.partnerId, partnerId), eq(partnerSettings.capability, capability)));
    if (!row) return defaultCapabilitySettings(capability);
    const parsed = parseCapabilitySettings(capability, row.settings);
    // Settings written under an older schema fall back to defaults rather than break every request.
    return parsed.success ? parsed.data : defaultCapabilitySettings(capability);
  }

  async putSettings<C extends Capability>(
    partnerId: string,
    capability: C,
    input: unknown,
  ): Promise<{ ok: true; settings: unknown } | { ok: false; issues: SettingsIssue[] }> {
    const parsed = parseCapabilitySettings(capability, input);
    if (!parsed.success) return { ok: false, issues: parsed.issues };
    const settings = parsed.data as Record<string, unknown>;
    await this.db
      .insert(partnerSettings)
      .values({ partnerId, capability, settings, updatedAt: this.now() })
      .onConflictDoUpdate({
        target: [partnerSettings.partnerId, partnerSettings.capability],
        set: { settings, updatedAt: this.now() },
      });
    return { ok: true, settings };
  }

  // ── webhook endpoints ──────────────────────────────────────────────────────────────────────────

  /** Creates an endpoint and its first secret; null when the target already has an active endpoint. */
  async createEndpoint(
    partnerId: string,
    mode: Mode,
    input: { url: string; capability: Capability | null },
  ): Promise<{ endpoint: EndpointView; secret: string } | null> {
    const now = this.now();
    const row: EndpointRow = {
      id: newId("whe"),
      partnerId,
      mode,
      capability: input.capability,
      target: input.capability ?? "default",
      url: input.url,
      disabledAt: null,
      disabledReason: null,
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
    };
    const secret = newWebhookSecret();
    const secretId = newId("whs");
    try {
      await this.db.batch([
        this.db.insert(webhookEndpoints).values(row),
        this.db.insert(webhookEndpointSecrets).values({
          id: secretId,
          endpointId: row.id,
          partnerId,
          secretCiphertext: await this.cipher.encryptText(secret, endpointSecretAad(secretId)),
          createdAt: now,
        }),
      ]);
    } catch (error) {
      if (String((error as Error).message).includes("UNIQUE")) return null;
      throw error;
    }
    return { endpoint: toEndpointView(row), secret };
  }

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
      .orderBy(asc(webhookEndpoints.id));
    return rows.map(toEndpointView);
  }

  async getEndpoint(partnerId: string, endpointId: string, mode?: Mode): Promise<EndpointRow | null> {
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

  async updateEndpoint(
    partnerId: string,
    endpointId: string,
    mode: Mode | undefined,
    change: { url?: string | undefined; disabled?: boolean | undefined },
  ): Promise<EndpointView | null> {
    const existing = await this.getEndpoint(partnerId, endpointId, mode);
    if (!existing) return null;
    const now = this.now();
    const [row] = await this.db
      .update(webhookEndpoints)
      .set({
        ...(change.url !== undefined ? { url: change.url } : {}),
        ...(change.disabled === true && existing.disabledAt === null
          ? { disabledAt: now, disabledReason: "disabled by the partner" }
          : {}),
        ...(change.disabled === false ? { disabledAt: null, disabledReason: null } : {}),
        updatedAt: now,
      })
      .where(eq(webhookEndpoints.id, endpointId))
      .returning();
    return row ? toEndpointView(row) : null;
  }

  async deleteEndpoint(partnerId: string, endpointId: string, mode?: Mode): Promise<boolean> {
    const existing = await this.getEndpoint(partnerId, endpointId, mode);
    if (!existing) return false;
    await this.db
      .update(webhookEndpoints)
      .set({ deletedAt: this.now() })
      .where(eq(webhookEndpoints.id, endpointId));
    return true;
  }

  async disableEndpoint(partnerId: string, endpointId: string, reason: string): Promise<void> {
    const now = this.now();
    await this.db
      .update(webhookEndpoints)
      .set({ disabledAt: now, disabledReason: reason, updatedAt: now })
      .where(and(eq(webhookEndpoints.id, endpointId), eq(webhookEndpoints.partnerId, partnerId)));
  }

  /** A new secret; the previous ones keep signing for `graceSeconds` (Standard Webhooks multi-signature). */
  async rotateEndpointSecret(
    partnerId: string,
    endpointId: string,
    mode: Mode | undefined,
    graceSeconds: number,
  ) {
    const endpoint = await this.getEndpoint(partnerId, endpointId, mode);
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
            or(isNull(webhookEndpointSecrets.expiresAt), gt(webhookEndpointSecrets.expiresAt, expiresAt)),
          ),
        ),
      this.db.insert(webhookEndpointSecrets).values({
        id: secretId,
        endpointId,
        partnerId,
        secretCiphertext: await this.cipher.encryptText(secret, endpointSecretAad(secretId)),
        createdAt: now,
      }),
    ]);
    return { endpoint: toEndpointView(endpoint), secret };
  }

  /** Secrets that still sign, newest first. */
  async endpointSecrets(endpointId: string): Promise<string[]> {
    const now = this.now();
    const rows = await this.db
      .select()
      .from(webhookEndpointSecrets)
      .where(
        and(
          eq(webhookEndpointSecrets.endpointId, endpointId),
          or(isNull(webhookEndpointSecrets.expiresAt), gt(webhookEndpointSecrets.expiresAt, now)),
        ),
      )
      .orderBy(desc(webhookEndpointSecrets.id));
    return Promise.all(
      rows.map((row) => this.cipher.decryptText(row.secretCiphertext, endpointSecretAad(row.id))),
    );
  }

  /** The capability's active endpoint, else the default one, for the mode. */
  async resolveEndpoint(
    partnerId: string,
    mode: Mode,
    capability: Capability | null,
  ): Promise<EndpointRow | null> {
    const targets = capability ? [capability, "default"] : ["default"];
    const rows = await this.db
      .select()
      .from(webhookEndpoints)
      .where(
        and(
          eq(webhookEndpoints.partnerId, partnerId),
          eq(webhookEndpoints.mode, mode),
          inArray(webhookEndpoints.target, targets),
          isNull(webhookEndpoints.deletedAt),
        ),
      );
    return (
      rows.find((row) => row.target === capability) ?? rows.find((row) => row.target === "default") ?? null
    );
  }

  /** Admin: sets the default or a capability's endpoint URL, creating it when there is none. */
  async upsertEndpoint(partnerId: string, mode: Mode, capability: Capability | null, url: string) {
    const [existing] = await this.db
      .select()
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
      const endpoint = await this.updateEndpoint(partnerId, existing.id, mode, { url });
      return { created: false as const, endpoint: endpoint as EndpointView };
    }
    const created = await this.createEndpoint(partnerId, mode, { url, capability });
    if (!created) throw new Error("endpoint was created concurrently");
    return { created: true as const, ...created };
  }
}

async function cached<T extends ApiKeyRow & { partner: PartnerRow }>(
  key: string,
  now: number,
  load: () => Promise<T | null>,
): Promise<T | null> {
  const hit = keyCache.get(key);
  if (hit && hit.until > now) return hit.row as T | null;
  const row = await load();
  // Misses are not cached: a key created a moment ago must work at once.
  if (row) keyCache.set(key, { row, until: now + KEY_CACHE_TTL_MS });
  else keyCache.delete(key);
  return row;
}

/** Drops every cached key of a partner after a rotation or revocation in this isolate. */
function forgetPartnerKeys(partnerId: string): void {
  for (const [key, value] of keyCache) if (value.row?.partnerId === partnerId) keyCache.delete(key);
}

let cipherCache: { spec: string; cipher: Promise<Cipher> } | undefined;

/** The repository for a Worker's env (cipher keys imported once per isolate). */
export async function getAccounts(env: {
  ACCOUNTS: D1Database;
  ENCRYPTION_KEYS: string;
}): Promise<AccountsRepository> {
  if (cipherCache?.spec !== env.ENCRYPTION_KEYS) {
    cipherCache = { spec: env.ENCRYPTION_KEYS, cipher: Cipher.fromKeyRing(env.ENCRYPTION_KEYS) };
  }
  return new AccountsRepository(env.ACCOUNTS, await cipherCache.cipher);
}
