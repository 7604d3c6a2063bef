import type { AccountsRepository, EndpointRow } from "@edgekyc/platform/accounts";
import type { EndpointDirectory, ResolvedEndpoint } from "./endpoint-directory.ts";

/** Delivery's view of partner accounts, over the shared accounts database. */
export function accountsEndpointDirectory(accounts: AccountsRepository): EndpointDirectory {
  const withSecrets = async (row: EndpointRow | null): Promise<ResolvedEndpoint | null> =>
    row && {
      id: row.id,
      url: row.url,
      disabled: row.disabledAt !== null,
      disabledReason: row.disabledReason,
      secrets: await accounts.endpointSecrets(row.id),
    };
  return {
    resolve: async (partnerId, mode, capability) =>
      withSecrets(await accounts.resolveEndpoint(partnerId, mode, capability)),
    byId: async (partnerId, endpointId) => withSecrets(await accounts.getEndpoint(partnerId, endpointId)),
    disable: (partnerId, endpointId, reason) => accounts.disableEndpoint(partnerId, endpointId, reason),
    partnerExists: async (partnerId) => (await accounts.getPartner(partnerId)) !== null,
  };
}
