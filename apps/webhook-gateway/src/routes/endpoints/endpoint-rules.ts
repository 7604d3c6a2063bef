import { ApiError } from "@edgekyc/platform";
import type { Mode } from "@edgekyc/schemas";
import { checkEndpointUrl } from "../../delivery/ssrf-guard.ts";

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
