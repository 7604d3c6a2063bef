import { ApiError, type Principal } from "@edgekyc/platform";
import type { Mode } from "@edgekyc/schemas";
import { checkEndpointUrl } from "../../delivery/ssrf-guard.ts";
import type { EndpointRepository } from "../../endpoints/endpoint-repository.ts";
import type { EndpointView } from "../../endpoints/endpoint-views.ts";

/** The SSRF guard's verdict as a 422 naming the field. */
export function assertDeliverableUrl(url: string, mode: Mode, environment: string, field = "url"): string {
  const check = checkEndpointUrl(url, mode, environment);
  if (!check.ok) {
    throw new ApiError("validation_failed", `${field}: ${check.reason}`, {
      details: [{ path: field, message: check.reason }],
    });
  }
  return check.url.toString();
}

/** The partner's endpoint in the key's mode, or 404 (another partner's endpoint answers the same). */
export async function requireEndpoint(
  endpoints: EndpointRepository,
  principal: Principal,
  endpointId: string,
): Promise<EndpointView> {
  const endpoint = await endpoints.get(principal.partnerId, endpointId, principal.mode);
  if (!endpoint) throw new ApiError("not_found", `webhook endpoint ${endpointId} was not found`);
  return endpoint;
}
