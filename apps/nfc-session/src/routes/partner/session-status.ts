import { machineSenseAuth } from "@edgekyc/accounts";
import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import { NfcError } from "../../domain/outcomes.ts";
import type { NfcAppEnv } from "../../nfc-env.ts";
import { ApiKey, InitCode, msErrors, msOk, ok, partnerOf, withNfcErrors } from "../machinesense.ts";
import { SessionStatus, sessionStatus } from "./session-view.ts";

export const route = createRoute({
  method: "post",
  path: "/nfc/v1/session_status",
  tags: ["Partner API"],
  summary: "A session's state and, once sent, its webhook body (for polling)",
  description: "The partner's most recent session with this init code.",
  security: [{ machineSenseApiKey: [] }],
  middleware: [machineSenseAuth()] as const,
  request: {
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z.object({ api_key: ApiKey, init_code: InitCode }).openapi("SessionRef"),
        },
      },
    },
  },
  responses: {
    200: { description: "The session.", content: { "application/json": { schema: msOk(SessionStatus) } } },
    ...msErrors(401, 403, 404, 413, 415, 422, 429),
  },
});

export const handler: RouteHandler<typeof route, NfcAppEnv> = withNfcErrors(async (c) => {
  const partner = partnerOf(c);
  const { sessions } = c.var.services;
  const sessionId = await sessions.findForPartner(partner.partnerId, c.req.valid("json").init_code);
  const view = await sessions.session(sessionId).get();
  if (!view || view.partnerId !== partner.partnerId) throw new NfcError("invalid_init_code");
  return c.json(ok(await sessionStatus(c.var.services, view, true)), 200);
});
