import { ApiError } from "@edgekyc/platform";
import { adminAuth } from "@edgekyc/platform/accounts";
import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import type { NfcAppEnv } from "../../nfc-env.ts";
import { problems } from "./admin-schemas.ts";

export const route = createRoute({
  method: "delete",
  path: "/nfc/admin/v1/trust/{id}",
  tags: ["Admin: trust store"],
  summary: "Remove an anchor (tan_…) or a whole import (tim_…)",
  description: "Documents verified afterwards no longer chain to what was removed.",
  security: [{ adminToken: [] }],
  middleware: [adminAuth()] as const,
  request: {
    params: z.object({
      id: z.string().regex(/^(tan|tim)_[0-9a-z]{26}$/, "must be an anchor (tan_…) or import (tim_…) id"),
    }),
  },
  responses: {
    200: {
      description: "Removed.",
      content: {
        "application/json": { schema: z.object({ id: z.string(), anchors_removed: z.number().int() }) },
      },
    },
    ...problems(400, 401, 404, 429),
  },
});

export const handler: RouteHandler<typeof route, NfcAppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  const { trust } = c.var.services;
  const removed = id.startsWith("tim_")
    ? await trust.removeImport(id)
    : (await trust.removeAnchor(id))
      ? 1
      : null;
  if (removed === null)
    throw new ApiError("not_found", `no ${id.startsWith("tim_") ? "import" : "anchor"} ${id}`);
  return c.json({ id, anchors_removed: removed }, 200);
};
