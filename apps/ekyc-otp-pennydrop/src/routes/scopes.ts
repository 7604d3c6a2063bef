import { ndtAuth } from "@edgekyc/accounts";
import { ApiError, errorResponses } from "@edgekyc/platform";
import { z } from "@hono/zod-openapi";
import type { Context, MiddlewareHandler } from "hono";
import type { SubjectKind } from "../db/schema.ts";
import type { EkycEnv } from "../ekyc-env.ts";
import type { Answer, FlowContext } from "../flows/answers.ts";

/** Acquisition works on applications, servicing on accounts; the endpoints are otherwise the same. */
export interface Scope {
  kind: SubjectKind;
  param: "applicationId" | "accountId";
  /** OpenAPI path of the subject, e.g. /acquisition/v2/applications/{applicationId}. */
  base: string;
  tag: string;
}

export const SCOPES: readonly Scope[] = [
  {
    kind: "application",
    param: "applicationId",
    base: "/acquisition/v2/applications/{applicationId}",
    tag: "Acquisition (applications)",
  },
  {
    kind: "account",
    param: "accountId",
    base: "/servicing/v2/accounts/{accountId}",
    tag: "Servicing (accounts)",
  },
];

/** Partners' own ids: letters, digits and . _ : - (never anything that could smuggle a path or markup). */
export const ExternalId = z
  .string()
  .regex(/^[A-Za-z0-9._:-]{1,64}$/, "must be 1-64 letters, digits, '.', '_', ':' or '-'");

const AuthId = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, "must be 1-64 letters, digits or '-'");

export function subjectParams(scope: Scope) {
  return z.object({ [scope.param]: ExternalId.openapi({ param: { name: scope.param, in: "path" } }) });
}

export function authParams(scope: Scope) {
  return z.object({
    [scope.param]: ExternalId.openapi({ param: { name: scope.param, in: "path" } }),
    authId: AuthId.openapi({ param: { name: "authId", in: "path" } }),
  });
}

/** NDT authentication: bearer key + Merchant-Id (sets the principal and the NDT error dialect). */
export function guarded(): [MiddlewareHandler<EkycEnv>] {
  return [ndtAuth() as unknown as MiddlewareHandler<EkycEnv>];
}

export function flowContext(c: Context<EkycEnv>, scope: Scope): FlowContext {
  const principal = c.var.principal;
  if (!principal) throw new ApiError("unauthorized", "authentication required");
  return {
    services: c.var.services,
    principal,
    requestId: c.var.requestId,
    kind: scope.kind,
    externalId: c.req.param(scope.param) as string,
  };
}

/** Writes an answer with its HTTP status, headers and the request id. */
export function respond(c: Context<EkycEnv>, result: Answer): never {
  return c.json(
    { ...result.body, requestId: c.var.requestId },
    result.httpStatus as 200,
    result.headers,
  ) as never;
}

const EKYC_STATUSES = [
  "initiated",
  "noMoreCodes",
  "authenticated",
  "failed",
  "notFound",
  "invalidBankDetails",
  "addressDetailsMissing",
  "duplicate",
  "invalid",
  "expired",
  "invalidRequest",
  "sessionIdNotFound",
  "applicationIdNotFound",
  "accountIdNotFound",
] as const;

/** The body of every eKYC answer; which fields are present depends on the status (README: "Statuses"). */
const EkycAnswer = z
  .object({
    status: z.enum(EKYC_STATUSES),
    authId: z.string().optional(),
    journeyId: z.string().nullable().optional(),
    remainingPasscodes: z.number().int().optional(),
    remainingAttempts: z.number().int().optional(),
    expiresAt: z.string().nullable().optional(),
    retryAt: z.string().nullable().optional(),
    channel: z.enum(["sms", "voice", "email"]).optional(),
    destination: z.string().optional().openapi({ description: "Masked, e.g. +44 •••• ••• 123" }),
    nameMatch: z.enum(["match", "closeMatch", "noMatch", "unavailable"]).optional(),
    errors: z.array(z.object({ field: z.string().optional(), message: z.string() })).optional(),
    requestId: z.string(),
  })
  .openapi("EkycAnswer");

/** The eKYC answers of a route, plus the NDT error bodies every authenticated route can give. */
export function answers(descriptions: Record<number, string>) {
  const own = Object.fromEntries(
    Object.entries(descriptions).map(([status, description]) => [
      status,
      { description, content: { "application/json": { schema: EkycAnswer } } },
    ]),
  );
  return { ...errorResponses("ndt", 400, 401, 413, 415, 422, 429, 503), ...own };
}
