import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { EkycEnv } from "../../ekyc-env.ts";
import { findSubject } from "../../flows/answers.ts";
import { answers, flowContext, guarded, respond, type Scope, subjectParams } from "../scopes.ts";

export function build(scope: Scope) {
  const route = createRoute({
    method: "delete",
    path: scope.base,
    tags: [scope.tag],
    summary: scope.kind === "application" ? "Erase an application" : "Erase an account",
    description:
      "Erases the customer's details, the audit trail and every counter and code hash of the record, and revokes the record's verification receipts.",
    security: [{ ndtBearer: [] }],
    middleware: guarded(),
    request: { params: subjectParams(scope) },
    responses: { 204: { description: "Erased." }, ...answers({ 404: "The record's not-found status." }) },
  });
  const handler = async (c: Context<EkycEnv>) => {
    const ctx = flowContext(c, scope);
    const found = await findSubject(ctx);
    if ("missing" in found) return respond(c, found.missing);
    // Receipts first: once the record is gone, a retried erasure finds nothing to revoke.
    await ctx.services.events.revokeReceipts(ctx.principal, found.subject.id);
    await ctx.services.subject(found.subject).erase();
    await ctx.services.subjects.erase(found.subject);
    return c.body(null, 204) as never;
  };
  return { route, handler };
}
