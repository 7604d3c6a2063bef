import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { EkycEnv } from "../../ekyc-env.ts";
import { summary } from "../../flows/validate-flow.ts";
import { answers, flowContext, guarded, respond, type Scope, subjectParams } from "../scopes.ts";

const MethodSummary = z.object({
  status: z.enum(["idle", "initiated", "authenticated", "failed", "locked"]),
  locked: z.boolean(),
  lockedUntil: z.string().nullable(),
  remainingPasscodes: z.number().int(),
  initiatesInWindow: z.number().int(),
  windowEndsAt: z.string().nullable(),
  invalidValidates: z.number().int(),
  expiredValidates: z.number().int(),
  validationAttempts: z.number().int(),
  failedAt: z.string().nullable(),
  lastAuthenticatedAt: z.string().nullable(),
  activeAuthId: z.string().nullable(),
  activeJourneyId: z.string().nullable(),
  activeExpiresAt: z.string().nullable(),
});

export const KycSummary = z
  .object({
    otp: MethodSummary,
    pennyDrop: MethodSummary,
    journeys: z.array(
      z.object({
        journeyId: z.string().nullable(),
        events: z.array(
          z.object({
            at: z.string(),
            method: z.enum(["otp", "pennydrop"]),
            action: z.string(),
            status: z.string(),
            authId: z.string().nullable(),
            channel: z.string().nullable(),
            destinationHint: z.string().nullable(),
          }),
        ),
      }),
    ),
    requestId: z.string(),
  })
  .openapi("KycAuthenticationsSummary");

export function build(scope: Scope) {
  const route = createRoute({
    method: "get",
    path: `${scope.base}/kycauthentications`,
    tags: [scope.tag],
    summary: "eKYC summary",
    description: "Lock state, remaining codes and counters per method, and the latest journeys' audit trail.",
    security: [{ ndtBearer: [] }],
    middleware: guarded(),
    request: { params: subjectParams(scope) },
    responses: {
      200: { description: "The summary.", content: { "application/json": { schema: KycSummary } } },
      ...answers({ 404: "The record's not-found status." }),
    },
  });
  const handler = async (c: Context<EkycEnv>) => respond(c, await summary(flowContext(c, scope)));
  return { route, handler };
}
