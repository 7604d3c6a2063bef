import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import { unwrap } from "../../domain/outcomes.ts";
import type { NfcAppEnv } from "../../nfc-env.ts";
import { msErrors, msOk, ok, withNfcErrors } from "../machinesense.ts";
import { APP_SECURITY, appSessionAuth, appSessionOf } from "./app-session.ts";
import { AppStatus, appStatus } from "./app-status.ts";

export const route = createRoute({
  method: "get",
  path: "/nfc/v1/app/status",
  tags: ["Reader app"],
  summary: "What the app does next, and what it shows at the end",
  description:
    'While the result is on its way: "Please wait while your data is being processed and submitted.". After the partner\'s OK: `redirect_url`, or the thank-you message when there is none. After ERR, a confirmation timeout, cancellation or expiry: the error message.',
  security: APP_SECURITY,
  middleware: [appSessionAuth()] as const,
  responses: {
    200: {
      description: "The session as the app sees it.",
      content: { "application/json": { schema: msOk(AppStatus) } },
    },
    ...msErrors(401, 404),
  },
});

export const handler: RouteHandler<typeof route, NfcAppEnv> = withNfcErrors(async (c) => {
  const session = appSessionOf(c);
  const { services } = c.var;
  const view = unwrap(await services.sessions.session(session.sessionId).appView(session.tokenHash));
  return c.json(ok(await appStatus(services, view)), 200);
});
