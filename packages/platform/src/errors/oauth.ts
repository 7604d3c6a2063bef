import { z } from "@hono/zod-openapi";

/** RFC 6749 §5.2 error codes the Assure token endpoint answers with. */
export const OAUTH_ERRORS = [
  "invalid_request",
  "invalid_client",
  "unsupported_grant_type",
  "invalid_scope",
] as const;
export type OAuthError = (typeof OAUTH_ERRORS)[number];

export const OAuthErrorBody = z
  .object({ error: z.enum(OAUTH_ERRORS), error_description: z.string() })
  .openapi("OAuthError", { description: "RFC 6749 §5.2" });
