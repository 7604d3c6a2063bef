import { HolderPublicJwk } from "@edgekyc/schemas";
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { TransactionDetails } from "../../delivery/otp-messages.ts";
import type { EkycEnv } from "../../ekyc-env.ts";
import { initiateOtp } from "../../flows/otp-flow.ts";
import { Email, PhoneNumber } from "../../subjects/subject-pii.ts";
import { answers, ExternalId, flowContext, guarded, respond, type Scope, subjectParams } from "../scopes.ts";

export const OtpInitiateBody = z
  .strictObject({
    mobileNumber: PhoneNumber.optional().openapi({ description: "SMS to this mobile." }),
    homeNumber: PhoneNumber.optional().openapi({ description: "An automated voice call to this landline." }),
    email: Email.optional(),
    transactionDetails: TransactionDetails.optional(),
    journeyId: ExternalId.optional().openapi({
      description: "Groups initiates and validates; made up when absent.",
    }),
    holderKey: HolderPublicJwk.optional().openapi({
      description:
        "EdgeKYC extension: the end user's public JWK (EC P-256 or Ed25519, public members only). The result's verification receipt is bound to it (`cnf`).",
    }),
  })
  .openapi("OtpInitiateRequest");

export function build(scope: Scope) {
  const route = createRoute({
    method: "post",
    path: `${scope.base}/kycauthentications/otp`,
    tags: [scope.tag],
    summary: "Initiate OTP",
    description:
      "Sends a one-time passcode by SMS (mobileNumber), automated voice call (homeNumber) or email, or to what the record holds when none is given.",
    security: [{ ndtBearer: [] }],
    middleware: guarded(),
    request: {
      params: subjectParams(scope),
      body: { required: true, content: { "application/json": { schema: OtpInitiateBody } } },
    },
    responses: answers({
      200: "`duplicate` (a live code for this journey and destination) or `authenticated` (journey done).",
      201: "`initiated`: the code was sent.",
      403: "`failed`: the customer cannot try again.",
      404: `\`${scope.param === "applicationId" ? "applicationIdNotFound" : "accountIdNotFound"}\`.`,
      422: "`invalidRequest` (field named) or `invalid` (the destination cannot receive the code).",
      429: "`noMoreCodes`: the window's codes are used up or initiates are locked (Retry-After).",
    }),
  });
  const handler = async (c: Context<EkycEnv>) => {
    const body = (c.req as unknown as { valid(target: "json"): z.output<typeof OtpInitiateBody> }).valid(
      "json",
    );
    return respond(c, await initiateOtp(flowContext(c, scope), body));
  };
  return { route, handler };
}
