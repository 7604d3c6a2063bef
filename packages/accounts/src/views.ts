import type { Capability, Dialect, EventSource, Mode } from "@edgekyc/schemas";
import type { apiKeys, partners, webhookEndpoints } from "./schema.ts";

export type PartnerRow = typeof partners.$inferSelect;
export type ApiKeyRow = typeof apiKeys.$inferSelect;
export type EndpointRow = typeof webhookEndpoints.$inferSelect;

/** A partner as the admin API shows it. */
export interface PartnerView {
  id: string;
  name: string;
  /** Smile ID `partner_id`. */
  smileIdPartnerId: string;
  /** NDT `Merchant-Id`. */
  ndtMerchantId: string;
  createdAt: string;
  erasedAt: string | null;
}

export type KeyStatus = "active" | "expired" | "revoked";

/** A key without its secret. */
export interface KeyView {
  id: string;
  partnerId: string;
  dialect: Dialect;
  mode: Mode;
  publicId: string;
  scopes: EventSource[];
  status: KeyStatus;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

/** A webhook endpoint without its secrets. */
export interface EndpointView {
  id: string;
  url: string;
  /** null: the partner's default endpoint for the mode. */
  capability: Capability | null;
  mode: Mode;
  disabled: boolean;
  disabledReason?: string;
  createdAt: string;
  updatedAt: string;
}

/** An endpoint as delivery needs it: where to POST and every secret that signs right now. */
export interface ResolvedEndpoint extends EndpointView {
  partnerId: string;
  /** `whsec_…` secrets that are still valid, newest first (Standard Webhooks signs with each). */
  secrets: string[];
}

export const isoTime = (ms: number): string => new Date(ms).toISOString();
const isoOrNull = (ms: number | null): string | null => (ms === null ? null : isoTime(ms));

export function keyStatus(row: Pick<ApiKeyRow, "revokedAt" | "expiresAt">, now: number): KeyStatus {
  if (row.revokedAt !== null) return "revoked";
  return row.expiresAt !== null && row.expiresAt <= now ? "expired" : "active";
}

export function toPartnerView(row: PartnerRow): PartnerView {
  return {
    id: row.id,
    name: row.name,
    smileIdPartnerId: row.smileIdPartnerId,
    ndtMerchantId: row.ndtMerchantId,
    createdAt: isoTime(row.createdAt),
    erasedAt: isoOrNull(row.erasedAt),
  };
}

export function toKeyView(row: ApiKeyRow, now: number): KeyView {
  return {
    id: row.id,
    partnerId: row.partnerId,
    dialect: row.dialect,
    mode: row.mode,
    publicId: row.publicId,
    scopes: row.scopes,
    status: keyStatus(row, now),
    createdAt: isoTime(row.createdAt),
    expiresAt: isoOrNull(row.expiresAt),
    revokedAt: isoOrNull(row.revokedAt),
    lastUsedAt: isoOrNull(row.lastUsedAt),
  };
}

export function toEndpointView(row: EndpointRow): EndpointView {
  return {
    id: row.id,
    url: row.url,
    capability: row.capability,
    mode: row.mode,
    disabled: row.disabledAt !== null,
    ...(row.disabledAt !== null && row.disabledReason ? { disabledReason: row.disabledReason } : {}),
    createdAt: isoTime(row.createdAt),
    updatedAt: isoTime(row.updatedAt),
  };
}
