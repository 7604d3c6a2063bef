import { assureAuth } from "@edgekyc/accounts";
import { ApiError, errorResponses } from "@edgekyc/platform";
import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import { zipSync } from "fflate";
import { findProcess } from "../../assure/records.ts";
import { loadImage } from "../../images/image-store.ts";
import type { LivenessEnv } from "../../liveness-env.ts";
import { principalOf } from "../principal.ts";
import { ProcessParams } from "./assure-schemas.ts";

export const route = createRoute({
  method: "get",
  path: "/assure/dossiers/{dossierId}/processes/{processId}/fullresult",
  tags: ["Signicat Assure"],
  summary: "Download the full result of a finished process as a zip",
  description:
    "`liveness.json`, `matching_facePortrait.json`, and the media files the process has: `front.jpeg|png`, `selfie.jpeg|png`.",
  security: [{ assureClientCredentials: [] }],
  middleware: [assureAuth()] as const,
  request: { params: ProcessParams },
  responses: {
    200: {
      description: "The zip.",
      content: { "application/zip": { schema: z.string().openapi({ format: "binary" }) } },
    },
    ...errorResponses("assure", 400, 401, 403, 404, 409, 429),
  },
});

const EXTENSIONS: Record<string, string> = { "image/jpeg": "jpeg", "image/png": "png", "image/webp": "webp" };

export const handler: RouteHandler<typeof route, LivenessEnv> = async (c) => {
  const { dossierId, processId } = c.req.valid("param");
  const services = c.var.services;
  const row = await findProcess(services, principalOf(c), dossierId, processId);
  if (!row.resultJson)
    throw new ApiError(
      "conflict",
      `the process is ${row.status}; the full result exists once it is finished`,
    );
  const result = JSON.parse(row.resultJson);
  const json = (value: unknown) => new TextEncoder().encode(`${JSON.stringify(value, null, 2)}\n`);
  const files: Record<string, Uint8Array> = {
    "liveness.json": json({
      status: row.status,
      ...result.providerSpecific.liveness,
      finalResult: result.finalResult,
    }),
    "matching_facePortrait.json": json(result.providerSpecific.matching),
  };
  for (const name of ["front", "selfie"]) {
    const image = await loadImage(services, processId, name);
    if (image) files[`${name}.${EXTENSIONS[image.contentType] ?? "bin"}`] = image.bytes;
  }
  const zip = zipSync(files, { level: 0 });
  return c.body(zip, 200, {
    "content-type": "application/zip",
    "content-disposition": `attachment; filename="${processId}.zip"`,
    "cache-control": "no-store",
  }) as never;
};
