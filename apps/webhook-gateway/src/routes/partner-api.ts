import { ApiError, type Principal } from "@edgekyc/platform";
import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { GatewayEnv } from "../gateway-env.ts";

/** RFC 9457 problem details, the error body of every gateway route. */
export const ProblemDetails = z
  .object({
    type: z.string().openapi({ example: "https://edgekyc.dev/errors/validation_failed" }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string(),
    requestId: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .openapi("ProblemDetails");

const DESCRIPTIONS: Record<number, string> = {
  400: "The request is malformed.",
  401: "Missing, wrong, revoked or expired credentials.",
  403: "The credentials may not use this route.",
  404: "Not found (or belongs to another partner).",
  409: "Conflicts with the current state.",
  413: "The body is too large.",
  422: "A field is invalid; `errors` names it.",
  429: "Too many failed authentication attempts; retry after the time in Retry-After.",
};

/** OpenAPI response entries for the given error statuses. */
export function problemResponses<const S extends readonly (keyof typeof DESCRIPTIONS)[]>(...statuses: S) {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      {
        description: DESCRIPTIONS[status],
        content: { "application/problem+json": { schema: ProblemDetails } },
      },
    ]),
  ) as {
    [K in S[number]]: {
      description: string;
      content: { "application/problem+json": { schema: typeof ProblemDetails } };
    };
  };
}

/** The authenticated partner key of a partner-API route. */
export function partnerPrincipal(c: Context<GatewayEnv>): Principal {
  const principal = c.get("principal");
  if (!principal) throw new ApiError("unauthorized", "a partner API key is required");
  return principal;
}
