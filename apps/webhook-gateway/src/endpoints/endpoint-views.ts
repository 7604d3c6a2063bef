import type { webhookEndpoints } from "@edgekyc/accounts/schema";
import { toBase64 } from "@edgekyc/platform";
import type { Capability, EventSource, Mode } from "@edgekyc/schemas";

export type EndpointRow = typeof webhookEndpoints.$inferSelect;

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

/** A batch's view of one active partner's endpoints (EndpointRepository.forPartners). */
export interface PartnerEndpoints {
  /** The same choice as EndpointRepository.resolve, from rows already read. */
  resolve(mode: Mode, capability: EventSource | null): Promise<ResolvedEndpoint | null>;
}

const isoTime = (ms: number): string => new Date(ms).toISOString();

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

/** Standard Webhooks secret: `whsec_` + base64 of 24 random bytes. */
export function newWebhookSecret(): string {
  return `whsec_${toBase64(crypto.getRandomValues(new Uint8Array(24)))}`;
}
