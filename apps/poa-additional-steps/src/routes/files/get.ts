import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import type { PoaEnv } from "../../app-env.ts";
import { verifyFileLink } from "../../domain/file-links.ts";
import { fileOf, readStepFile } from "../../domain/verification-store.ts";
import { IdenfyError, notFound } from "../../idenfy-errors.ts";
import { idenfyErrors } from "../../wire/token.ts";

export const route = createRoute({
  method: "get",
  path: "/api/v2/additional-step-files/{scanRef}/{step}",
  tags: ["Files"],
  summary: "A step's file, by signed link",
  description:
    "The links in additionalStepPdfUrls: valid until `expires` (FILE_LINK_TTL_SECONDS after they were made) and only for the file version they were made for.",
  request: {
    params: z.object({ scanRef: z.string().max(64), step: z.string().max(64) }),
    query: z.object({
      v: z.coerce.number().int().nonnegative(),
      expires: z.coerce.number().int().nonnegative(),
      signature: z.string().regex(/^[0-9a-f]{64}$/),
    }),
  },
  responses: {
    200: { description: "The file (JPEG, PNG or PDF)." },
    ...idenfyErrors(400, 403, 404),
  },
});

export const handler: RouteHandler<typeof route, PoaEnv> = async (c) => {
  const { scanRef, step } = c.req.valid("param");
  const { v, expires, signature } = c.req.valid("query");
  const services = c.var.services;
  const verdict = await verifyFileLink(
    services.config.TOKEN_SIGNING_KEY,
    { scanRef, step, version: v },
    expires,
    signature,
    services.now(),
  );
  if (verdict === "invalid")
    throw new IdenfyError("PERMISSIONS_ERROR", 403, "The link's signature is not valid.");
  if (verdict === "expired")
    throw new IdenfyError(
      "PERMISSIONS_ERROR",
      403,
      "The link has expired; get a fresh one from /api/v2/status.",
    );
  const file = await fileOf(services, scanRef, step);
  if (!file || file.uploadedAt !== v) throw notFound("The file (it may have been replaced or deleted)");
  const bytes = await readStepFile(services, file);
  if (!bytes) throw notFound("The file");
  return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
    "content-type": file.contentType,
    "content-disposition": `inline; filename="${step}.${file.contentType === "application/pdf" ? "pdf" : file.contentType.split("/")[1]}"`,
    "cache-control": "private, no-store",
    "x-content-type-options": "nosniff",
    "content-security-policy": "default-src 'none'; sandbox",
  }) as never;
};
