import { ApiError } from "@edgekyc/platform";
import { type AccountsRepository, DEFAULT_GRACE_SECONDS, type PartnerView } from "@edgekyc/accounts";
import { CAPABILITIES } from "@edgekyc/schemas";
import { z } from "@hono/zod-openapi";

export { ProblemDetails, problemResponses } from "../problem-responses.ts";

/** Every admin route is behind the admin token. */
export const ADMIN_SECURITY = [{ adminToken: [] }];

const pathParam = (name: string, prefix: string, what: string) =>
  z
    .string()
    .regex(new RegExp(`^${prefix}_[0-9a-z]{26}$`), `must be a ${what} id (${prefix}_…)`)
    .openapi({ param: { name, in: "path" }, example: `${prefix}_01kbz3c6q4y8w2m5n7p9r1t3v5` });

export const PartnerIdParam = z.object({ partnerId: pathParam("partnerId", "ptn", "partner") });
export const KeyIdParam = PartnerIdParam.extend({ keyId: pathParam("keyId", "key", "key") });
export const EndpointIdParam = PartnerIdParam.extend({
  endpointId: pathParam("endpointId", "whe", "webhook endpoint"),
});
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
  const partner = await accounts.getActivePartner(partnerId);
  if (!partner) throw new ApiError("not_found", `partner ${partnerId} was not found`);
  return partner;
}
