import { edgekycKeyAuth } from "@edgekyc/accounts";
import { errorResponses } from "@edgekyc/platform";
import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { receipts } from "../../db/schema.ts";
import { revokeRows } from "../../issuing/revoke.ts";
import type { ReceiptsEnv } from "../../receipts-env.ts";
import { ownReceipt, ReceiptIdParam, ReceiptMetadata, toMetadata } from "./receipt-view.ts";

export const route = createRoute({
  method: "post",
  path: "/receipts/v1/receipts/{receiptId}/revoke",
  tags: ["Receipts"],
  summary: "Revoke a receipt",
  description:
    "Sets the receipt's status list bit: verifiers checking its status see it revoked from the list's next refresh (its `ttl`). Revoking a revoked receipt changes nothing. There is no un-revoke.",
  security: [{ partnerKey: [] }],
  middleware: [edgekycKeyAuth()] as const,
  request: { params: ReceiptIdParam },
  responses: {
    200: {
      description: "The revoked receipt's metadata.",
      content: { "application/json": { schema: ReceiptMetadata } },
    },
    ...errorResponses("edgekyc", 400, 401, 403, 404, 429),
  },
});

export const handler: RouteHandler<typeof route, ReceiptsEnv> = async (c) => {
  const { receiptId } = c.req.valid("param");
  const services = c.var.services;
  const row = await ownReceipt(c, receiptId);
  await revokeRows(services, [row], "partner");
  const [current] = await services.db.select().from(receipts).where(eq(receipts.id, row.id));
  return c.json(toMetadata(current ?? row, services), 200);
};
