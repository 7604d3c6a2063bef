import { HolderPublicJwk } from "@edgekyc/schemas";
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { EkycEnv } from "../../ekyc-env.ts";
import { initiatePennyDrop } from "../../flows/pennydrop-flow.ts";
import { answers, ExternalId, flowContext, guarded, respond, type Scope, subjectParams } from "../scopes.ts";

export const PennyDropBody = z
  .strictObject({
    journeyId: ExternalId.optional(),
    holderKey: HolderPublicJwk.optional().openapi({
      description:
        "EdgeKYC extension: the end user's public JWK (EC P-256 or Ed25519, public members only). The result's verification receipt is bound to it (`cnf`).",
    }),
    bankAccount: z.string().regex(/^\d{8}$/, "must be the 8 digits of a UK account number"),
    sortCode: z
      .string()
      .regex(/^\d{2}-?\d{2}-?\d{2}$/, "must be 6 digits, e.g. 200415 or 20-04-15")
      .transform((value) => value.replaceAll("-", "")),
  })
  .openapi("PennyDropInitiateRequest");

export function build(scope: Scope) {
  const route = createRoute({
    method: "post",
    path: `${scope.base}/kycauthentications/pennydrop`,
    tags: [scope.tag],
    summary: "Initiate Penny Drop",
    description:
      "Checks the account (UK modulus check, Confirmation of Payee against the customer's name), then pays 1p by Faster Payments with a code in the reference.",
    security: [{ ndtBearer: [] }],
    middleware: guarded(),
    request: {
      params: subjectParams(scope),
      body: { required: true, content: { "application/json": { schema: PennyDropBody } } },
    },
    responses: answers({
      200: "`duplicate` or `authenticated`.",
      201: "`initiated`: 1p was paid with the code in its reference.",
      403: "`failed`.",
      404: "The record's not-found status.",
      422: "`invalidBankDetails`, `addressDetailsMissing` or `invalidRequest`.",
      429: "`noMoreCodes`.",
    }),
  });
  const handler = async (c: Context<EkycEnv>) => {
    const body = (c.req as unknown as { valid(target: "json"): z.output<typeof PennyDropBody> }).valid(
      "json",
    );
    return respond(c, await initiatePennyDrop(flowContext(c, scope), body));
  };
  return { route, handler };
}
