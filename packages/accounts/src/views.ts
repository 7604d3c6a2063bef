import type { Dialect, EventSource, Mode } from "@edgekyc/schemas";
import type { apiKeys, partners } from "./schema.ts";

export type PartnerRow = typeof partners.$inferSelect;
export type ApiKeyRow = typeof apiKeys.$inferSelect;

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

type KeyStatus = "active" | "expired" | "revoked";

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

const isoTime = (ms: number): string => new Date(ms).toISOString();
const isoOrNull = (ms: number | null): string | null => (ms === null ? null : isoTime(ms));

function keyStatus(row: Pick<ApiKeyRow, "revokedAt" | "expiresAt">, now: number): KeyStatus {
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
