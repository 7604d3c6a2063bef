import { edgekycKeyAuth } from "@edgekyc/accounts";
import { DecryptionError, errorResponses, getDecrypted } from "@edgekyc/platform";
import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import { and, eq, isNull } from "drizzle-orm";
import { receipts } from "../../db/schema.ts";
import type { ReceiptsEnv } from "../../receipts-env.ts";
import { GoneProblem, gone } from "./gone.ts";
import { ownReceipt, ReceiptIdParam, ReceiptMetadata, toMetadata } from "./receipt-view.ts";

const FetchedReceipt = ReceiptMetadata.extend({
  sdJwt: z.string().openapi({
    description:
      "The receipt: an SD-JWT VC (`<issuer-signed JWT>~<disclosure>~…~`) with every disclosure. Returned once; keep it.",
  }),
}).openapi("FetchedReceipt");

export const route = createRoute({
  method: "get",
  path: "/receipts/v1/receipts/{receiptId}",
  tags: ["Receipts"],
  summary: "Fetch a receipt (once)",
  description:
    "Returns the signed receipt with every disclosure, then deletes the platform's copy: the platform keeps only its SHA-256 and status. A second fetch answers 410, as does a receipt never fetched within the retention period or whose verification was erased.",
  security: [{ partnerKey: [] }],
  middleware: [edgekycKeyAuth()] as const,
  request: { params: ReceiptIdParam },
  responses: {
    200: {
      description: "The receipt and its metadata.",
      content: { "application/json": { schema: FetchedReceipt } },
    },
    410: {
      description: "Already fetched, expired or erased.",
      content: { "application/problem+json": { schema: GoneProblem } },
    },
    ...errorResponses("edgekyc", 400, 401, 403, 404, 429),
  },
});

export const handler: RouteHandler<typeof route, ReceiptsEnv> = async (c) => {
  const { receiptId } = c.req.valid("param");
  const services = c.var.services;
  const row = await ownReceipt(c, receiptId);
  if (row.fetchedAt !== null) {
    return gone(
      c,
      `receipt ${receiptId} was already fetched at ${new Date(row.fetchedAt).toISOString()}; the platform keeps only its hash`,
    ) as never;
  }
  if (row.storedKey === null) {
    const why =
      row.revocationReason === "erased"
        ? "its verification was erased"
        : "it was not fetched within the retention period";
    return gone(c, `receipt ${receiptId} is no longer stored: ${why}`) as never;
  }
  let bytes: Uint8Array | null;
  try {
    bytes = await getDecrypted(services.uploads, services.cipher, row.storedKey);
  } catch (error) {
    if (!(error instanceof DecryptionError)) throw error;
    services.log.error("stored receipt does not decrypt", { receiptId });
    bytes = null;
  }
  if (!bytes) return gone(c, `receipt ${receiptId} is no longer stored`) as never;
  // Only one fetch wins: the copy is handed out by whoever flips fetched_at first.
  const now = services.now();
  const [claimed] = await services.db
    .update(receipts)
    .set({ fetchedAt: now, storedKey: null })
    .where(and(eq(receipts.id, row.id), isNull(receipts.fetchedAt)))
    .returning();
  if (!claimed) return gone(c, `receipt ${receiptId} was already fetched`) as never;
  await services.uploads.delete(row.storedKey);
  c.header("cache-control", "no-store");
  return c.json({ ...toMetadata(claimed, services), sdJwt: new TextDecoder().decode(bytes) }, 200);
};
