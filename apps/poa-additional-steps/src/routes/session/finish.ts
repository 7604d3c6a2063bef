import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import { originOf, type PoaEnv } from "../../app-env.ts";
import { authTokenOf, countTokenFailures } from "../../credentials.ts";
import { finishSession } from "../../domain/session.ts";
import { idenfyErrors } from "../../wire/token.ts";

export const route = createRoute({
  method: "post",
  path: "/api/v2/session/finish",
  tags: ["End user"],
  summary: "Finish the session",
  description:
    "Every step needs a file. COMPARE and EXTRACT steps go to review and a first callback is sent (final: false); with nothing to review the callback is final. Repeating it is harmless.",
  middleware: [countTokenFailures] as const,
  responses: {
    200: {
      description: "Finished.",
      content: {
        "application/json": {
          schema: z.object({ status: z.string(), final: z.boolean(), redirectUrl: z.string().nullable() }),
        },
      },
    },
    ...idenfyErrors(400, 401, 409, 429),
  },
});

export const handler: RouteHandler<typeof route, PoaEnv> = async (c) =>
  c.json(await finishSession(c.var.services, authTokenOf(c), originOf(c)), 200);
