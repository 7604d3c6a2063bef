import { idenfyAuth } from "@edgekyc/accounts";
import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import { type PoaEnv, principalOf } from "../../app-env.ts";
import { deleteByScanRef } from "../../domain/partner-actions.ts";
import { idenfyErrors } from "../../wire/token.ts";
import { jsonBodyLimit } from "./token.ts";

export const route = createRoute({
  method: "post",
  path: "/api/v2/delete",
  tags: ["Partner"],
  summary: "Erase a verification",
  description:
    "Deletes the verification's files and personal data (iDenfy's delete call). Repeating it is harmless.",
  security: [{ idenfyBasic: [] }],
  middleware: [jsonBodyLimit, idenfyAuth()] as const,
  request: {
    body: {
      required: true,
      content: { "application/json": { schema: z.object({ scanRef: z.string().min(1).max(64) }) } },
    },
  },
  responses: {
    200: {
      description: "Erased.",
      content: {
        "application/json": { schema: z.object({ scanRef: z.string(), status: z.literal("DELETED") }) },
      },
    },
    ...idenfyErrors(400, 401, 403, 404, 429),
  },
});

export const handler: RouteHandler<typeof route, PoaEnv> = async (c) => {
  const { scanRef } = c.req.valid("json");
  return c.json(await deleteByScanRef(c.var.services, principalOf(c).partnerId, scanRef), 200);
};
