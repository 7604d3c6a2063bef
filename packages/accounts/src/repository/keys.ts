import { type Cipher, newId, sha256Hex } from "@edgekyc/platform";
import { DIALECT_CAPABILITY, type Dialect, type EventSource, type Mode } from "@edgekyc/schemas";
import { and, eq, gt, isNull, lt, lte, or } from "drizzle-orm";
import { type DialectCredentials, issueKey } from "../credentials.ts";
import { apiKeys, partners, replayGuard } from "../schema.ts";
import { type ApiKeyRow, type KeyView, type PartnerRow, toKeyView } from "../views.ts";
import type { AccountsDb } from "./accounts-db.ts";
import { forgetPartnerKeys, keysById, keysByPublicId, smileIdKeys } from "./auth-key-cache.ts";

/** Default time an outgoing key or webhook secret keeps working after a rotation. */
export const DEFAULT_GRACE_SECONDS = 86_400;
/** `last_used_at` is written at most this often per key and isolate: a D1 write per request would cost more. */
const LAST_USED_GRANULARITY_MS = 5 * 60_000;

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

// Ciphertexts are bound to their row and owner, so one copied to another row or partner does not decrypt.
const apiKeyAad = (partnerId: string, keyId: string) => `accounts.api_keys.secret:${partnerId}:${keyId}`;

function isUsable(key: Pick<AuthKey, "revokedAt" | "expiresAt">, now: number): boolean {
  return key.revokedAt === null && (key.expiresAt === null || key.expiresAt > now);
}

/** A new key row of `dialect` and `mode` for the partner, and the credentials to hand out once. */
export async function newKeyRow<D extends Dialect>(
  cipher: Cipher,
  partner: PartnerRow,
  dialect: D,
  mode: Mode,
  now: number,
): Promise<{ row: ApiKeyRow; credentials: DialectCredentials[D] }> {
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
      dialect === "smileid" ? await cipher.encryptText(issued.secret, apiKeyAad(partner.id, id)) : null,
    scopes: [DIALECT_CAPABILITY[dialect]],
    createdAt: now,
    expiresAt: null,
    revokedAt: null,
    lastUsedAt: null,
  };
  return { row, credentials: issued.credentials };
}

/** API keys: listing, rotation, revocation, and the lookups authentication makes. */
export class KeyRepository {
  constructor(
    private readonly db: AccountsDb,
    private readonly cipher: Cipher,
    private readonly now: () => number,
  ) {}

  /** Every key of the partner, usable or not, oldest first; never a secret. */
  async list(partnerId: string): Promise<KeyView[]> {
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
  async rotate<D extends Dialect>(
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
    const { row, credentials } = await newKeyRow(this.cipher, partner, dialect, mode, now);
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
  async revoke(partnerId: string, keyId: string): Promise<KeyView | null> {
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
  async findForAuth(dialect: Dialect, publicId: string): Promise<AuthKey | null> {
    const now = this.now();
    const cacheKey = `pub:${publicId}`;
    let key = keysByPublicId.get(cacheKey, now);
    if (!key) {
      key = (await this.loadAuthKeys(eq(apiKeys.publicId, publicId)))[0];
      if (key) keysByPublicId.set(cacheKey, key.partnerId, key, now);
    }
    return key && key.dialect === dialect && isUsable(key, now) ? key : null;
  }

  /** As `findForAuth`, by key id (Assure access tokens name their key). */
  async findForAuthById(dialect: Dialect, keyId: string): Promise<AuthKey | null> {
    const now = this.now();
    const cacheKey = `id:${keyId}`;
    let key = keysById.get(cacheKey, now);
    if (!key) {
      key = (await this.loadAuthKeys(eq(apiKeys.id, keyId)))[0];
      if (key) keysById.set(cacheKey, key.partnerId, key, now);
    }
    return key && key.dialect === dialect && isUsable(key, now) ? key : null;
  }

  /** The partner with this Smile ID partner_id and its usable Smile ID keys, decrypted; null when unknown. */
  async findSmileIdForAuth(
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

  private loadAuthKeys(where: ReturnType<typeof and>) {
    return this.db
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
  }

  /**
   * Records that a key was used; writes at most every LAST_USED_GRANULARITY_MS per key and isolate.
   * Meant for `waitUntil`: nobody waits for it.
   */
  async markUsed(key: AuthKey): Promise<void> {
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
}
