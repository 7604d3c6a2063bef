import type { AccountsRepository } from "@edgekyc/accounts";
import type { EndpointRepository } from "../endpoints/endpoint-repository.ts";
import type { EndpointDirectory } from "./endpoint-directory.ts";

/** Delivery's view of partner accounts and their webhook endpoints, over the shared accounts database. */
export function accountsEndpointDirectory(
  accounts: AccountsRepository,
  endpoints: EndpointRepository,
): EndpointDirectory {
  return {
    resolve: (partnerId, mode, capability) => endpoints.resolve(partnerId, mode, capability),
    byId: (partnerId, endpointId) => endpoints.withSecretsById(partnerId, endpointId),
    disable: async (partnerId, endpointId, reason) => {
      await endpoints.disable(partnerId, endpointId, reason);
    },
    // An erased partner gets no more deliveries.
    forPartners: (partnerIds) => endpoints.forPartners(partnerIds),
    partnerExists: async (partnerId) => (await accounts.partners.getActive(partnerId)) !== null,
  };
}
