import { type AccountsRepository, DEFAULT_GRACE_SECONDS, type PartnerView } from "@edgekyc/accounts";
import { ApiError, ID_PREFIXES, idParam } from "@edgekyc/platform";
import { CAPABILITIES } from "@edgekyc/schemas";
import { z } from "@hono/zod-openapi";

/** Every admin route is behind the admin token. */
export const ADMIN_SECURITY = [{ adminToken: [] }];

export const PartnerIdParam = idParam("partnerId", ID_PREFIXES.partner, "partner");
export const KeyIdParam = PartnerIdParam.extend(idParam("keyId", ID_PREFIXES.key, "key").shape);
export const EndpointIdParam = PartnerIdParam.extend(
  idParam("endpointId", ID_PREFIXES.webhookEndpoint, "webhook endpoint").shape,
);
export const CapabilityParam = PartnerIdParam.extend({
  capability: z.enum(CAPABILITIES).openapi({ param: { name: "capability", in: "path" } }),
});

/** Seconds an outgoing key or secret keeps working after a rotation: up to a week, a day by default. */
export const GraceSeconds = z.number().int().min(0).max(604_800).default(DEFAULT_GRACE_SECONDS).openapi({
  description: "How long the previous key or secret keeps working (0 = ends now).",
  example: 86_400,
});

/** The partner, or 404 when it does not exist or was erased. */
export async function activePartner(accounts: AccountsRepository, partnerId: string): Promise<PartnerView> {
  const partner = await accounts.partners.getActive(partnerId);
  if (!partner) throw new ApiError("not_found", `partner ${partnerId} was not found`);
  return partner;
}
