import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { EkycEnv } from "../../ekyc-env.ts";
import { SubjectDetails } from "../../subjects/subject-pii.ts";
import { flowContext, guarded, type Scope, subjectParams } from "../scopes.ts";

export const SubjectRegistered = z
  .object({
    status: z.enum(["created", "updated"]),
    id: z.string(),
    hasAddress: z.boolean(),
    hasMobileNumber: z.boolean(),
    hasHomeNumber: z.boolean(),
    hasEmail: z.boolean(),
    requestId: z.string(),
  })
  .openapi("SubjectRegistered");

export function build(scope: Scope) {
  const route = createRoute({
    method: "put",
    path: scope.base,
    tags: [scope.tag],
    summary: scope.kind === "application" ? "Register an application" : "Register an account",
    description:
      "Creates or replaces the customer's details (name, date of birth, address, phone numbers, email), stored encrypted. Phone numbers are normalised to E.164. The answer never echoes personal data.",
    security: [{ ndtBearer: [] }],
    middleware: guarded(),
    request: {
      params: subjectParams(scope),
      body: { required: true, content: { "application/json": { schema: SubjectDetails } } },
    },
    responses: {
      200: { description: "Updated.", content: { "application/json": { schema: SubjectRegistered } } },
      201: { description: "Created.", content: { "application/json": { schema: SubjectRegistered } } },
    },
  });
  const handler = async (c: Context<EkycEnv>) => {
    const ctx = flowContext(c, scope);
    const details = (c.req as unknown as { valid(target: "json"): z.output<typeof SubjectDetails> }).valid(
      "json",
    );
    const { created } = await ctx.services.subjects.upsert(
      ctx.principal,
      scope.kind,
      ctx.externalId,
      details,
    );
    return c.json(
      {
        status: created ? "created" : "updated",
        id: ctx.externalId,
        hasAddress: details.address !== undefined,
        hasMobileNumber: details.mobileNumber !== undefined,
        hasHomeNumber: details.homeNumber !== undefined,
        hasEmail: details.email !== undefined,
        requestId: c.var.requestId,
      },
      created ? 201 : 200,
    ) as never;
  };
  return { route, handler };
}
