import { z } from "@hono/zod-openapi";
import { ERROR_STATUS, type ErrorCode } from "./api-error.ts";
import { OAuthErrorBody } from "./oauth.ts";
import { MACHINESENSE_CODES, NDT_STATUS_VALUES, SMILEID_CODES, TITLES } from "./render.ts";

// The OpenAPI error bodies of every dialect, built from the same tables `renderError` renders with, so
// the documentation cannot promise a code the renderer never sends (error-schemas contract test).

const ERROR_CODES = Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]];
const distinct = <T>(values: T[]) => [...new Set(values)];
const FieldIssue = z.object({ path: z.string(), message: z.string() });

const problemMembers = {
  type: z.string().openapi({ example: "https://edgekyc.dev/errors/validation_failed" }),
  title: z.enum(distinct(Object.values(TITLES)) as [string, ...string[]]),
  status: z.number().int(),
  detail: z.string(),
  errors: z.array(FieldIssue).optional(),
};

/** The error body schema of each dialect, plus `oauth` (the Assure token endpoint, RFC 6749 §5.2). */
export const ERROR_BODY_SCHEMAS = {
  edgekyc: z
    .object({ ...problemMembers, code: z.enum(ERROR_CODES), requestId: z.string() })
    .openapi("ProblemDetails", { description: "RFC 9457 problem details." }),
  assure: z
    .object({ ...problemMembers, traceId: z.string() })
    .openapi("AssureProblemDetails", { description: "RFC 9457 problem details with Assure's traceId." }),
  machinesense: z
    .object({
      result: z.literal("Err"),
      code: z.union(distinct(Object.values(MACHINESENSE_CODES)).map((code) => z.literal(code))),
      message: z.string(),
      data: z.null(),
    })
    .openapi("MachineSenseError"),
  smileid: z
    .object({
      code: z.enum(distinct(Object.values(SMILEID_CODES)) as [string, ...string[]]),
      error: z.string(),
    })
    .openapi("SmileIdError"),
  ndt: z
    .object({
      status: z.enum(NDT_STATUS_VALUES),
      errors: z.array(z.object({ field: z.string().optional(), message: z.string() })).min(1),
      requestId: z.string(),
    })
    .openapi("NdtError"),
  idenfy: z
    .object({
      identifier: z.enum(ERROR_CODES.map((code) => code.toUpperCase()) as [string, ...string[]]),
      message: z.string(),
      errors: z.record(z.string(), z.array(z.string())).optional(),
    })
    .openapi("IdenfyError"),
  oauth: OAuthErrorBody,
} as const;

export type ErrorDialect = keyof typeof ERROR_BODY_SCHEMAS;

/** What the renderer's content type is per dialect (problem details for the two RFC 9457 dialects). */
export const ERROR_MEDIA_TYPES: Record<ErrorDialect, string> = {
  edgekyc: "application/problem+json",
  assure: "application/problem+json",
  machinesense: "application/json",
  smileid: "application/json",
  ndt: "application/json",
  idenfy: "application/json",
  oauth: "application/json",
};

const DESCRIPTIONS = {
  400: "A path or query parameter (or, in form dialects, a field) is malformed; the body names it.",
  401: "Missing, wrong, revoked or expired credentials.",
  403: "The credentials may not use this route.",
  404: "Not found (another partner's ids answer the same).",
  409: "Conflicts with the current state.",
  413: "The body is too large.",
  415: "The body's Content-Type is not one the route takes.",
  422: "A body field is invalid; the body names it.",
  429: "Too many requests or failed authentication attempts; retry after Retry-After seconds.",
  500: "Internal error; quote the request id.",
  503: "The service is unavailable or not configured; quote the request id.",
} as const;

export type ErrorStatus = keyof typeof DESCRIPTIONS;

type ErrorResponses<D extends ErrorDialect, S extends ErrorStatus> = {
  [K in S]: { description: string; content: Record<string, { schema: (typeof ERROR_BODY_SCHEMAS)[D] }> };
};

/**
 * OpenAPI response entries for a route's error statuses, in the dialect's own error body:
 * `responses: { 200: …, ...errorResponses("machinesense", 400, 401, 422) }`.
 */
export function errorResponses<const D extends ErrorDialect, const S extends readonly ErrorStatus[]>(
  dialect: D,
  ...statuses: S
): ErrorResponses<D, S[number]> {
  const content = { [ERROR_MEDIA_TYPES[dialect]]: { schema: ERROR_BODY_SCHEMAS[dialect] } };
  return Object.fromEntries(
    statuses.map((status) => [status, { description: DESCRIPTIONS[status], content }]),
  ) as ErrorResponses<D, S[number]>;
}
