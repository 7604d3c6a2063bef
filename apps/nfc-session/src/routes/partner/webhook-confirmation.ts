import { machineSenseAuth } from "@edgekyc/accounts";
import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import { unwrap } from "../../domain/outcomes.ts";
import type { NfcAppEnv } from "../../nfc-env.ts";
import { ApiKey, InitCode, msErrors, msOk, ok, partnerOf, withNfcErrors } from "../machinesense.ts";
import { SessionStatus, sessionStatus } from "./session-view.ts";

export const route = createRoute({
  method: "post",
  path: "/nfc/v1/webhook_confirmation",
  tags: ["Partner API"],
  summary: "Confirm that the webhook arrived",
  description:
    'After "OK" the reader app redirects to redirect_URL or shows the thank-you message; after "ERR", or when no confirmation arrives within the account\'s webhookConfirmationTimeoutSeconds, it shows the error message. Repeating the same answer is harmless.',
  security: [{ machineSenseApiKey: [] }],
  middleware: [machineSenseAuth()] as const,
  request: {
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z
            .object({ api_key: ApiKey, init_code: InitCode, recv: z.enum(["OK", "ERR"]) })
            .openapi("WebhookConfirmation"),
        },
      },
    },
  },
  responses: {
    200: { description: "Recorded.", content: { "application/json": { schema: msOk(SessionStatus) } } },
    ...msErrors(401, 403, 404, 409, 410, 413, 415, 422, 429),
  },
});

export const handler: RouteHandler<typeof route, NfcAppEnv> = withNfcErrors(async (c) => {
  const partner = partnerOf(c);
  const body = c.req.valid("json");
  const { sessions } = c.var.services;
  const sessionId = await sessions.findForPartner(partner.partnerId, body.init_code);
  const view = unwrap(await sessions.session(sessionId).confirm(partner.partnerId, body.recv));
  return c.json(ok(await sessionStatus(c.var.services, view, false)), 200);
});
