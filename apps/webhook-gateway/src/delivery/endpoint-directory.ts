import type { Capability, Mode } from "@edgekyc/schemas";

/** An endpoint as delivery needs it: where to POST and the secrets to sign with. */
export interface ResolvedEndpoint {
  id: string;
  url: string;
  disabled: boolean;
  disabledReason: string | null;
  /** Valid `whsec_…` secrets, newest first. */
  secrets: string[];
}

/**
 * The part of partner accounts that delivery depends on. The gateway implements it over the accounts
 * repository (accounts-endpoints.ts); tests can substitute their own.
 */
export interface EndpointDirectory {
  /** The capability's active endpoint, else the partner's default endpoint for that mode. */
  resolve(partnerId: string, mode: Mode, capability: Capability | null): Promise<ResolvedEndpoint | null>;
  byId(partnerId: string, endpointId: string): Promise<ResolvedEndpoint | null>;
  disable(partnerId: string, endpointId: string, reason: string): Promise<void>;
  partnerExists(partnerId: string): Promise<boolean>;
}
