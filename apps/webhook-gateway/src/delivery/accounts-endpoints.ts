import type { ResolvedEndpoint as AccountsEndpoint, AccountsRepository } from "@edgekyc/accounts";
import type { EndpointDirectory, ResolvedEndpoint } from "./endpoint-directory.ts";

/** Delivery's view of partner accounts, over the shared accounts database. */
export function accountsEndpointDirectory(accounts: AccountsRepository): EndpointDirectory {
  const view = (endpoint: AccountsEndpoint | null): ResolvedEndpoint | null =>
    endpoint && {
      id: endpoint.id,
      url: endpoint.url,
      disabled: endpoint.disabled,
      disabledReason: endpoint.disabledReason ?? null,
      secrets: endpoint.secrets,
    };
  return {
    resolve: async (partnerId, mode, capability) =>
      view(await accounts.resolveEndpoint(partnerId, mode, capability)),
    byId: async (partnerId, endpointId) => view(await accounts.endpointWithSecrets(partnerId, endpointId)),
    disable: async (partnerId, endpointId, reason) => {
      await accounts.disableEndpoint(partnerId, endpointId, reason);
    },
    // An erased partner gets no more deliveries.
    partnerExists: async (partnerId) => (await accounts.getActivePartner(partnerId)) !== null,
  };
}
