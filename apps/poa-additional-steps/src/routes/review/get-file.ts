import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import type { PoaEnv } from "../../app-env.ts";
import { reviewerAuth, reviewerOf } from "../../credentials.ts";
import { heldItem } from "../../domain/review-queue.ts";
import { fileOf, readStepFile } from "../../domain/verification-store.ts";
import { notFound } from "../../idenfy-errors.ts";
import { idenfyErrors } from "../../wire/token.ts";
import { ItemIdParam } from "./review-schemas.ts";

export const route = createRoute({
  method: "get",
  path: "/review/v1/items/{itemId}/file",
  tags: ["Review"],
  summary: "The item's document",
  description: "The decrypted file (JPEG, PNG or PDF), only for the reviewer holding the claim.",
  middleware: [reviewerAuth] as const,
  request: { params: ItemIdParam },
  responses: { 200: { description: "The file." }, ...idenfyErrors(400, 401, 404, 409, 429) },
});

export const handler: RouteHandler<typeof route, PoaEnv> = async (c) => {
  const item = await heldItem(c.var.services, reviewerOf(c), c.req.valid("param").itemId);
  const file = await fileOf(c.var.services, item.scanRef, item.step);
  const bytes = file ? await readStepFile(c.var.services, file) : null;
  if (!file || !bytes) throw notFound("The document");
  return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
    "content-type": file.contentType,
    "cache-control": "private, no-store",
    "x-content-type-options": "nosniff",
    "content-security-policy": "default-src 'none'; sandbox",
  }) as never;
};
