import { adminAuth } from "@edgekyc/accounts";
import { ApiError, errorResponses, ID_PREFIXES, idParam } from "@edgekyc/platform";
import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import type { NfcAppEnv } from "../../nfc-env.ts";

const Removed = z.object({ id: z.string(), anchors_removed: z.number().int() });

export const removeAnchorRoute = createRoute({
  method: "delete",
  path: "/nfc/admin/v1/trust/anchors/{anchorId}",
  tags: ["Admin: trust store"],
  summary: "Remove one trust anchor",
  description: "Documents verified afterwards no longer chain to it.",
  security: [{ adminToken: [] }],
  middleware: [adminAuth()] as const,
  request: { params: idParam("anchorId", ID_PREFIXES.trustAnchor, "trust anchor") },
  responses: {
    200: { description: "Removed.", content: { "application/json": { schema: Removed } } },
    ...errorResponses("edgekyc", 400, 401, 404, 429),
  },
});

export const removeAnchor: RouteHandler<typeof removeAnchorRoute, NfcAppEnv> = async (c) => {
  const { anchorId } = c.req.valid("param");
  if (!(await c.var.services.trust.removeAnchor(anchorId)))
    throw new ApiError("not_found", `no trust anchor ${anchorId}`);
  return c.json({ id: anchorId, anchors_removed: 1 }, 200);
};

export const removeImportRoute = createRoute({
  method: "delete",
  path: "/nfc/admin/v1/trust/imports/{importId}",
  tags: ["Admin: trust store"],
  summary: "Remove an import (a master list, certificate file or CRL) with every anchor it brought",
  description: "The same certificate brought by another import stays.",
  security: [{ adminToken: [] }],
  middleware: [adminAuth()] as const,
  request: { params: idParam("importId", ID_PREFIXES.trustImport, "trust import") },
  responses: {
    200: { description: "Removed.", content: { "application/json": { schema: Removed } } },
    ...errorResponses("edgekyc", 400, 401, 404, 429),
  },
});

export const removeImport: RouteHandler<typeof removeImportRoute, NfcAppEnv> = async (c) => {
  const { importId } = c.req.valid("param");
  const removed = await c.var.services.trust.removeImport(importId);
  if (removed === null) throw new ApiError("not_found", `no trust import ${importId}`);
  return c.json({ id: importId, anchors_removed: removed }, 200);
};
