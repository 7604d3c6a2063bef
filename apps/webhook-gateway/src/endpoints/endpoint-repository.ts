import { type AccountsDb, DEFAULT_GRACE_SECONDS } from "@edgekyc/accounts";
import { partners, webhookEndpointSecrets, webhookEndpoints } from "@edgekyc/accounts/schema";
import { type Cipher, isUniqueViolation, newId } from "@edgekyc/platform";
import type { Capability, EventSource, Mode } from "@edgekyc/schemas";
import { and, desc, eq, gt, inArray, isNull, or } from "drizzle-orm";
import {
  type EndpointRow,
  type EndpointView,
  newWebhookSecret,
  type PartnerEndpoints,
  type ResolvedEndpoint,
  toEndpointView,
} from "./endpoint-views.ts";

export type UpsertEndpointResult =
  | { created: true; endpoint: EndpointView; secret: string }
  | { created: false; endpoint: EndpointView };

/**
 * Signing secrets valid at once (the newest and up to two still in their grace period). Every valid
 * secret adds a signature to each delivery's header, and stock receivers refuse large headers (431).
 */
const MAX_VALID_SECRETS = 3;

type SecretRow = typeof webhookEndpointSecrets.$inferSelect;

/** `webhook-gateway` (test events) and null resolve to the default endpoint. */
const ownTarget = (capability: EventSource | null): Capability | null =>
  capability === null || capability === "webhook-gateway" ? null : capability;

/**
 * The capability's endpoint of the mode, else the default one. A disabled capability endpoint is chosen
 * as it is (no fallback to the default): the partner chose that URL for these events.
 */
function chooseEndpoint(rows: readonly EndpointRow[], mode: Mode, capability: EventSource | null) {
  const own = ownTarget(capability);
  const ofMode = rows.filter((row) => row.mode === mode);
  return (
    (own !== null ? ofMode.find((row) => row.capability === own) : undefined) ??
    ofMode.find((row) => row.capability === null) ??
    null
  );
}

/** Valid secrets newest first, at most MAX_VALID_SECRETS (the order resolve() reads them in). */
function newestSecrets(secrets: readonly SecretRow[]): SecretRow[] {
  return [...secrets]
    .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
    .slice(0, MAX_VALID_SECRETS);
}

// Ciphertexts are bound to their row, so one copied to another endpoint does not decrypt.
const endpointSecretAad = (endpointId: string, secretId: string) =>
  `accounts.webhook_endpoint_secrets.secret:${endpointId}:${secretId}`;

/**
 * Partners' webhook endpoints and their signing secrets, in the shared accounts database: the gateway
 * owns them (capability apps only send results). URLs are not checked here: the SSRF guard decides
 * what delivery may POST to, before calling.
 */
export class EndpointRepository {
  constructor(
    private readonly db: AccountsDb,
    private readonly cipher: Cipher,
    private readonly now: () => number = Date.now,
  ) {}

  // URLs are not checked here: the gateway's SSRF guard decides what it may POST to, before calling.

  /**
   * Creates an endpoint with its first secret (returned only here). Null when the partner already has
   * an active endpoint for that mode and capability-or-default.
   */
  async create(
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
  async list(partnerId: string, mode?: Mode): Promise<EndpointView[]> {
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

  private async row(partnerId: string, endpointId: string, mode?: Mode): Promise<EndpointRow | null> {
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
  async get(partnerId: string, endpointId: string, mode?: Mode): Promise<EndpointView | null> {
    const row = await this.row(partnerId, endpointId, mode);
    return row ? toEndpointView(row) : null;
  }

  /** Changes the URL and/or enables or disables the endpoint. */
  async update(
    partnerId: string,
    endpointId: string,
    mode: Mode | undefined,
    change: { url?: string | undefined; disabled?: boolean | undefined; disabledReason?: string | undefined },
  ): Promise<EndpointView | null> {
    const existing = await this.row(partnerId, endpointId, mode);
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
  async disable(partnerId: string, endpointId: string, reason: string): Promise<EndpointView | null> {
    return this.update(partnerId, endpointId, undefined, {
      disabled: true,
      disabledReason: reason.slice(0, 500),
    });
  }

  /** Deletes the endpoint (kept as a tombstone for the delivery history) and its secrets. */
  async delete(partnerId: string, endpointId: string, mode?: Mode): Promise<boolean> {
    const existing = await this.row(partnerId, endpointId, mode);
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
   * At most MAX_VALID_SECRETS stay valid: rotating again expires the oldest ones at once.
   */
  async rotateSecret(
    partnerId: string,
    endpointId: string,
    mode: Mode | undefined,
    graceSeconds: number = DEFAULT_GRACE_SECONDS,
  ): Promise<{ endpoint: EndpointView; secret: string } | null> {
    const endpoint = await this.row(partnerId, endpointId, mode);
    if (!endpoint) return null;
    const now = this.now();
    const expiresAt = now + graceSeconds * 1000;
    const secret = newWebhookSecret();
    const secretId = newId("whs");
    const stillValid = await this.db
      .select({ id: webhookEndpointSecrets.id })
      .from(webhookEndpointSecrets)
      .where(
        and(
          eq(webhookEndpointSecrets.endpointId, endpointId),
          eq(webhookEndpointSecrets.partnerId, partnerId),
          or(isNull(webhookEndpointSecrets.expiresAt), gt(webhookEndpointSecrets.expiresAt, now)),
        ),
      )
      .orderBy(desc(webhookEndpointSecrets.createdAt), desc(webhookEndpointSecrets.id));
    const overCap = stillValid.slice(MAX_VALID_SECRETS - 1).map((row) => row.id);
    await this.db.batch([
      this.db
        .update(webhookEndpointSecrets)
        .set({ expiresAt: now })
        .where(
          and(
            eq(webhookEndpointSecrets.endpointId, endpointId),
            inArray(webhookEndpointSecrets.id, overCap.length > 0 ? overCap : [""]),
          ),
        ),
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
  async resolve(
    partnerId: string,
    mode: Mode,
    capability: EventSource | null,
  ): Promise<ResolvedEndpoint | null> {
    const own = ownTarget(capability);
    const rows = await this.db
      .select({ endpoint: webhookEndpoints })
      .from(webhookEndpoints)
      .innerJoin(partners, eq(partners.id, webhookEndpoints.partnerId))
      .where(
        and(
          eq(webhookEndpoints.partnerId, partnerId),
          eq(webhookEndpoints.mode, mode),
          inArray(webhookEndpoints.target, own ? [own, "default"] : ["default"]),
          isNull(webhookEndpoints.deletedAt),
          isNull(partners.erasedAt),
        ),
      );
    const chosen = chooseEndpoint(
      rows.map((r) => r.endpoint),
      mode,
      capability,
    );
    return chosen ? this.withSecrets(chosen) : null;
  }

  /**
   * Delivery's lookup for a whole batch of results, in one query (per 90 partners): which partners are
   * active, and each one's endpoints with their valid secret ciphertexts. Secrets are decrypted only for
   * the endpoints a batch resolves to. A partner missing from the map is unknown or erased.
   */
  async forPartners(partnerIds: readonly string[]): Promise<Map<string, PartnerEndpoints>> {
    const now = this.now();
    const found = new Map<string, Map<string, { row: EndpointRow; secrets: SecretRow[] }>>();
    const unique = [...new Set(partnerIds)];
    // D1 binds at most 100 parameters per statement.
    for (let i = 0; i < unique.length; i += 90) {
      const rows = await this.db
        .select({ partnerId: partners.id, endpoint: webhookEndpoints, secret: webhookEndpointSecrets })
        .from(partners)
        .leftJoin(
          webhookEndpoints,
          and(eq(webhookEndpoints.partnerId, partners.id), isNull(webhookEndpoints.deletedAt)),
        )
        .leftJoin(
          webhookEndpointSecrets,
          and(
            eq(webhookEndpointSecrets.endpointId, webhookEndpoints.id),
            eq(webhookEndpointSecrets.partnerId, partners.id),
            or(isNull(webhookEndpointSecrets.expiresAt), gt(webhookEndpointSecrets.expiresAt, now)),
          ),
        )
        .where(and(inArray(partners.id, unique.slice(i, i + 90)), isNull(partners.erasedAt)));
      for (const { partnerId, endpoint, secret } of rows) {
        const endpoints = found.get(partnerId) ?? new Map();
        found.set(partnerId, endpoints);
        if (!endpoint) continue;
        const entry = endpoints.get(endpoint.id) ?? { row: endpoint, secrets: [] };
        endpoints.set(endpoint.id, entry);
        if (secret) entry.secrets.push(secret);
      }
    }
    const result = new Map<string, PartnerEndpoints>();
    for (const [partnerId, endpoints] of found) {
      const decrypted = new Map<string, Promise<ResolvedEndpoint>>();
      const rows = [...endpoints.values()].map((entry) => entry.row);
      result.set(partnerId, {
        resolve: (mode, capability) => {
          const chosen = chooseEndpoint(rows, mode, capability);
          if (!chosen) return Promise.resolve(null);
          let endpoint = decrypted.get(chosen.id);
          if (!endpoint) {
            endpoint = this.decryptSecrets(chosen, newestSecrets(endpoints.get(chosen.id)?.secrets ?? []));
            decrypted.set(chosen.id, endpoint);
          }
          return endpoint;
        },
      });
    }
    return result;
  }

  /** One active endpoint with its valid secrets (replays to the endpoint a delivery went to). */
  async withSecretsById(partnerId: string, endpointId: string): Promise<ResolvedEndpoint | null> {
    const row = await this.row(partnerId, endpointId);
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
      .orderBy(desc(webhookEndpointSecrets.createdAt), desc(webhookEndpointSecrets.id))
      // Rows written before the cap existed may exceed it; sign with the newest only.
      .limit(MAX_VALID_SECRETS);
    return this.decryptSecrets(row, secrets);
  }

  private async decryptSecrets(row: EndpointRow, secrets: SecretRow[]): Promise<ResolvedEndpoint> {
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
  async upsert(
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
        const endpoint = await this.update(partnerId, existing.id, mode, { url, disabled: false });
        if (endpoint) return { created: false, endpoint };
      } else {
        const created = await this.create(partnerId, mode, { url, capability });
        if (created) return { created: true, ...created };
      }
      // Another request created or deleted it in between: look again.
      if (attempt >= 3) throw new Error("webhook endpoint changed concurrently; retry");
    }
  }
}
