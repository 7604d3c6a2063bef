import { ApiError } from "@edgekyc/platform";
import type { Mode } from "@edgekyc/schemas";

/**
 * A partner's webhook or redirect URL: https, without credentials. Test-mode keys may use http on a
 * development or test deployment (a local receiver). webhook-gateway applies its own SSRF rules when it
 * delivers.
 */
export function callbackUrl(field: string, value: string, mode: Mode, environment: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ApiError("validation_failed", `${field} must be an absolute URL`, {
      details: [{ path: field, message: "must be an absolute URL" }],
    });
  }
  const httpAllowed = mode === "test" && environment !== "production";
  if (url.protocol !== "https:" && !(httpAllowed && url.protocol === "http:")) {
    const message = httpAllowed ? "must be an http(s) URL" : "must be an https URL";
    throw new ApiError("validation_failed", `${field} ${message}`, { details: [{ path: field, message }] });
  }
  if (url.username || url.password) {
    throw new ApiError("validation_failed", `${field} must not carry credentials`, {
      details: [{ path: field, message: "must not carry credentials" }],
    });
  }
  return url.toString();
}
