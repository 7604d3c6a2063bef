import type { EventSource, Mode } from "@edgekyc/schemas";
import type { PartnerEndpoints, ResolvedEndpoint } from "../endpoints/endpoint-views.ts";

/**
 * The part of partner accounts that delivery depends on. The gateway implements it over the accounts
 * and endpoint repositories (accounts-endpoints.ts); tests can substitute their own.
 */
export interface EndpointDirectory {
  /** The capability's active endpoint, else the partner's default endpoint for that mode. */
  resolve(partnerId: string, mode: Mode, capability: EventSource | null): Promise<ResolvedEndpoint | null>;
  byId(partnerId: string, endpointId: string): Promise<ResolvedEndpoint | null>;
  disable(partnerId: string, endpointId: string, reason: string): Promise<void>;
  partnerExists(partnerId: string): Promise<boolean>;
  /**
   * A batch's partners in one lookup: each active partner with its endpoints (unknown and erased
   * partners are missing), so a batch of results reads partners and endpoints once, not per message.
   */
  forPartners(partnerIds: readonly string[]): Promise<Map<string, PartnerEndpoints>>;
}
