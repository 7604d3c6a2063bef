import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import type { PoaEnv } from "../../app-env.ts";
import { authTokenOf, countTokenFailures } from "../../credentials.ts";
import { chooseScope, sessionView } from "../../domain/session.ts";
import { idenfyErrors } from "../../wire/token.ts";
import { jsonBodyLimit } from "../partner/token.ts";
import { LocaleQuery, SessionView } from "./session-schemas.ts";

export const route = createRoute({
  method: "post",
  path: "/api/v2/session/scope",
  tags: ["End user"],
  summary: "Choose the country and document type",
  description:
    "Needed when the token's additionalSteps name specific countries or document types; selects the steps that apply.",
  middleware: [jsonBodyLimit, countTokenFailures] as const,
  request: {
    query: LocaleQuery,
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z.object({
            country: z
              .string()
              .regex(/^[A-Z]{2}$/)
              .optional(),
            documentType: z.string().max(32).optional(),
          }),
        },
      },
    },
  },
  responses: {
    200: {
      description: "The session with its steps.",
      content: { "application/json": { schema: SessionView } },
    },
    ...idenfyErrors(400, 401, 429),
  },
});

export const handler: RouteHandler<typeof route, PoaEnv> = async (c) => {
  const row = await chooseScope(c.var.services, authTokenOf(c), c.req.valid("json"));
  return c.json(await sessionView(c.var.services, row, c.req.valid("query").locale ?? null), 200);
};
