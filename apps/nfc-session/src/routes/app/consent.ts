import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import { parseConsent } from "../../domain/consent.ts";
import { unwrap } from "../../domain/outcomes.ts";
import type { NfcAppEnv } from "../../nfc-env.ts";
import { msErrors, msOk, ok, withNfcErrors } from "../machinesense.ts";
import { APP_SECURITY, appSessionAuth, appSessionOf } from "./app-session.ts";
import { AppStatus, appStatus } from "./app-status.ts";

const CheckDigit = z.string().regex(/^\d$/, "must be one digit");

const ConsentBody = z
  .union([
    z.strictObject({
      mrz: z
        .string()
        .min(60)
        .max(200)
        .openapi({ description: "The scanned MRZ, lines separated by \\n (TD1, TD2 or TD3)." }),
    }),
    z.strictObject({
      document_number: z.string().min(1).max(30),
      date_of_birth: z.string().openapi({ description: "YYMMDD or YYYY-MM-DD" }),
      date_of_expiry: z.string().openapi({ description: "YYMMDD or YYYY-MM-DD" }),
      document_number_check_digit: CheckDigit.optional(),
      date_of_birth_check_digit: CheckDigit.optional(),
      date_of_expiry_check_digit: CheckDigit.optional(),
    }),
  ])
  .openapi("ConsentRequest");

export const route = createRoute({
  method: "post",
  path: "/nfc/v1/app/consent",
  tags: ["Reader app"],
  summary: "Confirm ownership: document number, date of birth, date of expiry",
  description:
    "From the scanned MRZ (check digits, including the composite one, are validated) or, when the session has force_mrz_consent, typed in (check digits validated when sent). The chip's DG1 must later agree. Giving consent again voids an issued challenge.",
  security: APP_SECURITY,
  middleware: [appSessionAuth()] as const,
  request: { body: { required: true, content: { "application/json": { schema: ConsentBody } } } },
  responses: {
    200: {
      description: "Accepted; next: challenge.",
      content: { "application/json": { schema: msOk(AppStatus) } },
    },
    ...msErrors(401, 404, 409, 410, 413, 415, 422),
  },
});

export const handler: RouteHandler<typeof route, NfcAppEnv> = withNfcErrors(async (c) => {
  const session = appSessionOf(c);
  const { services } = c.var;
  const stub = services.sessions.session(session.sessionId);
  const before = unwrap(await stub.appView(session.tokenHash));
  const consent = parseConsent(c.req.valid("json"), { allowManual: before.forceMrzConsent });
  unwrap(await stub.consent(session.tokenHash, consent));
  return c.json(ok(await appStatus(services, unwrap(await stub.appView(session.tokenHash)))), 200);
});
