import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import type { PoaEnv } from "../../app-env.ts";
import { authTokenOf, countTokenFailures } from "../../credentials.ts";
import { openSession, sessionView } from "../../domain/session.ts";
import { idenfyErrors } from "../../wire/token.ts";
import { LocaleQuery, SessionView } from "./session-schemas.ts";

export const route = createRoute({
  method: "get",
  path: "/api/v2/session",
  tags: ["End user"],
  summary: "The end user's session",
  description:
    "Authorization: Bearer <authToken>. The first call starts the session clock (sessionLength); the token must be used before expiryTime. Step texts are in `locale`, the token's locale, or English.",
  middleware: [countTokenFailures] as const,
  request: { query: LocaleQuery },
  responses: {
    200: { description: "The session.", content: { "application/json": { schema: SessionView } } },
    ...idenfyErrors(400, 401, 429),
  },
});

export const handler: RouteHandler<typeof route, PoaEnv> = async (c) => {
  const row = await openSession(c.var.services, authTokenOf(c));
  return c.json(await sessionView(c.var.services, row, c.req.valid("query").locale ?? null), 200);
};
