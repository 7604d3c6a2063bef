import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { EkycEnv } from "../../ekyc-env.ts";
import { validateCode } from "../../flows/validate-flow.ts";
import type { Method } from "../../limits/subject-state.ts";
import { answers, authParams, flowContext, guarded, respond, type Scope } from "../scopes.ts";

/** Digits only; a wrong length is simply a wrong code (counted), a non-digit is a malformed request. */
export const ValidateBody = z
  .strictObject({ passcode: z.string().regex(/^\d{1,16}$/, "must be the digits of the code") })
  .openapi("ValidateRequest");

export function buildValidate(scope: Scope, method: Method) {
  const segment = method === "otp" ? "otp" : "pennydrop";
  const route = createRoute({
    method: "post",
    path: `${scope.base}/kycauthentications/${segment}/{authId}/validate`,
    tags: [scope.tag],
    summary: method === "otp" ? "Validate OTP" : "Validate Penny Drop",
    description:
      method === "otp"
        ? "Checks the passcode the customer received."
        : "Checks the code the customer read in the 1p payment's reference.",
    security: [{ ndtBearer: [] }],
    middleware: guarded(),
    request: {
      params: authParams(scope),
      body: { required: true, content: { "application/json": { schema: ValidateBody } } },
    },
    responses: answers({
      200: "`authenticated`, `invalid` (try again), `expired` or `failed` (cannot try again).",
      404: `\`notFound\` (authId not active), \`sessionIdNotFound\` (authId unknown for this ${scope.kind}) or the record's not-found status.`,
      422: "`invalidRequest` with the field named.",
    }),
  });
  const handler = async (c: Context<EkycEnv>) => {
    const { passcode } = (c.req as unknown as { valid(target: "json"): z.output<typeof ValidateBody> }).valid(
      "json",
    );
    return respond(
      c,
      await validateCode(flowContext(c, scope), method, c.req.param("authId") as string, passcode),
    );
  };
  return { route, handler };
}

export const build = (scope: Scope) => buildValidate(scope, "otp");
