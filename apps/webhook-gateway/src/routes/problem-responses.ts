import { z } from "@hono/zod-openapi";

/** RFC 9457 problem details: the error body of every gateway route (edgekyc dialect). */
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

const DESCRIPTIONS = {
  400: "A path or query parameter is malformed; `errors` names it.",
  401: "Missing, wrong, revoked or expired credentials.",
  403: "The credentials may not use this route.",
  404: "Not found (another partner's ids answer the same).",
  409: "Conflicts with the current state.",
  413: "The body is too large.",
  422: "A body field is invalid; `errors` names it.",
  429: "Too many failed authentication attempts from this address; retry after Retry-After seconds.",
} as const;

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
