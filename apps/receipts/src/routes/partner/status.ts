import { edgekycKeyAuth } from "@edgekyc/accounts";
import { errorResponses } from "@edgekyc/platform";
import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import type { ReceiptsEnv } from "../../receipts-env.ts";
import { ownReceipt, ReceiptIdParam, ReceiptMetadata, toMetadata } from "./receipt-view.ts";

export const route = createRoute({
  method: "get",
  path: "/receipts/v1/receipts/{receiptId}/status",
  tags: ["Receipts"],
  summary: "Get a receipt's metadata and status",
  description:
    "Hash, status list entry, status, and whether the receipt can still be fetched. Never the receipt.",
  security: [{ partnerKey: [] }],
  middleware: [edgekycKeyAuth()] as const,
  request: { params: ReceiptIdParam },
  responses: {
    200: {
      description: "The receipt's metadata.",
      content: { "application/json": { schema: ReceiptMetadata } },
    },
    ...errorResponses("edgekyc", 400, 401, 403, 404, 429),
  },
});

export const handler: RouteHandler<typeof route, ReceiptsEnv> = async (c) => {
  const { receiptId } = c.req.valid("param");
  return c.json(toMetadata(await ownReceipt(c, receiptId), c.var.services), 200);
};
