import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { TransactionDetails } from "../../delivery/otp-messages.ts";
import type { EkycEnv } from "../../ekyc-env.ts";
import { resendOtp } from "../../flows/otp-flow.ts";
import { answers, authParams, flowContext, guarded, respond, type Scope } from "../scopes.ts";

export const OtpResendBody = z
  .strictObject({ transactionDetails: TransactionDetails.optional() })
  .openapi("OtpResendRequest");

export function build(scope: Scope) {
  const route = createRoute({
    method: "post",
    path: `${scope.base}/kycauthentications/otp/{authId}/resend`,
    tags: [scope.tag],
    summary: "Resend OTP",
    description:
      "A new code for a live authId, to the same destination; the previous code stops working. Counts as an initiate.",
    security: [{ ndtBearer: [] }],
    middleware: guarded(),
    request: {
      params: authParams(scope),
      body: { required: false, content: { "application/json": { schema: OtpResendBody } } },
    },
    responses: answers({
      201: "`initiated`: a new code was sent.",
      403: "`failed`.",
      404: "`notFound` (no live code with this authId) or the record's not-found status.",
      410: "`expired`: the code expired; initiate a new one.",
      429: "`noMoreCodes`.",
    }),
  });
  const handler = async (c: Context<EkycEnv>) => {
    const body =
      (c.req as unknown as { valid(target: "json"): z.output<typeof OtpResendBody> | undefined }).valid(
        "json",
      ) ?? {};
    return respond(c, await resendOtp(flowContext(c, scope), c.req.param("authId") as string, body));
  };
  return { route, handler };
}
