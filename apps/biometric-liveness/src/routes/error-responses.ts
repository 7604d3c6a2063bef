import { z } from "@hono/zod-openapi";

/** Assure's RFC 9457 problem details (request id as `traceId`). */
export const AssureProblem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    traceId: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .openapi("AssureProblem");

/** Smile ID's error body: a four-digit code and a message. */
export const SmileIdErrorBody = z
  .object({ code: z.string().openapi({ example: "2215" }), error: z.string() })
  .openapi("SmileIdError");

/** EdgeKYC problem details (review API, development routes). */
export const EdgekycProblem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string(),
    requestId: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .openapi("EdgekycProblem");

const DESCRIPTIONS: Record<number, string> = {
  400: "A path or query parameter, or the body, is malformed; the message names it.",
  401: "Missing, wrong, revoked or expired credentials (another partner's look the same).",
  403: "The credentials may not use this route.",
  404: "Not found (another partner's ids answer the same).",
  409: "The step is out of order for the current state.",
  413: "The body is too large.",
  415: "The body's Content-Type is not accepted.",
  422: "A body field is invalid; the message names it.",
  429: "Too many failed authentication attempts from this address.",
};

type Dialect = "assure" | "smileid" | "edgekyc";
const BODY = { assure: AssureProblem, smileid: SmileIdErrorBody, edgekyc: EdgekycProblem };
const MEDIA = {
  assure: "application/problem+json",
  smileid: "application/json",
  edgekyc: "application/problem+json",
};

/** OpenAPI error entries for a dialect. */
export function errorResponses<D extends Dialect>(dialect: D, ...statuses: number[]) {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      {
        description: DESCRIPTIONS[status] ?? "Error.",
        content: { [MEDIA[dialect]]: { schema: BODY[dialect] } },
      },
    ]),
  ) as Record<number, { description: string; content: Record<string, { schema: (typeof BODY)[D] }> }>;
}
