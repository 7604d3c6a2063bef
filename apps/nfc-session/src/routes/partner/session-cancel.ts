import { machineSenseAuth } from "@edgekyc/accounts";
import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import { unwrap } from "../../domain/outcomes.ts";
import type { NfcAppEnv } from "../../nfc-env.ts";
import { ApiKey, InitCode, msErrors, msOk, ok, partnerOf, withNfcErrors } from "../machinesense.ts";
import { SessionStatus, sessionStatus } from "./session-view.ts";

export const route = createRoute({
  method: "post",
  path: "/nfc/v1/session_cancel",
  tags: ["Partner API"],
  summary: "Cancel a session that has not produced its result yet",
  description: "The init code stops working and the reader app shows the error message. No webhook is sent.",
  security: [{ machineSenseApiKey: [] }],
  middleware: [machineSenseAuth()] as const,
  request: {
    body: {
      required: true,
      content: { "application/json": { schema: z.object({ api_key: ApiKey, init_code: InitCode }) } },
    },
  },
  responses: {
    200: {
      description: "Cancelled (or already cancelled).",
      content: { "application/json": { schema: msOk(SessionStatus) } },
    },
    ...msErrors(401, 403, 404, 409, 413, 415, 422, 429),
  },
});

export const handler: RouteHandler<typeof route, NfcAppEnv> = withNfcErrors(async (c) => {
  const partner = partnerOf(c);
  const { sessions } = c.var.services;
  const sessionId = await sessions.findForPartner(partner.partnerId, c.req.valid("json").init_code);
  const view = unwrap(await sessions.session(sessionId).cancel(partner.partnerId));
  return c.json(ok(await sessionStatus(c.var.services, view, false)), 200);
});
