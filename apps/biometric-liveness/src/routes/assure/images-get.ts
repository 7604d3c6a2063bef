import { assureAuth } from "@edgekyc/accounts";
import { ApiError, errorResponses } from "@edgekyc/platform";
import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import { findProcess } from "../../assure/records.ts";
import { toDataUrl } from "../../images/image-input.ts";
import { loadImage } from "../../images/image-store.ts";
import type { LivenessEnv } from "../../liveness-env.ts";
import { principalOf } from "../principal.ts";
import { ProcessParams } from "./assure-schemas.ts";

export const route = createRoute({
  method: "get",
  path: "/assure/dossiers/{dossierId}/processes/{processId}/images/{imageType}",
  tags: ["Signicat Assure"],
  summary: "Get an image of a process as a data URL",
  security: [{ assureClientCredentials: [] }],
  middleware: [assureAuth()] as const,
  request: {
    params: ProcessParams.extend({
      imageType: z
        .enum(["front", "back", "selfie", "portrait"])
        .openapi({ param: { name: "imageType", in: "path" } }),
    }),
  },
  responses: {
    200: { description: "The image as a data URL.", content: { "text/plain": { schema: z.string() } } },
    ...errorResponses("assure", 400, 401, 403, 404, 429),
  },
});

export const handler: RouteHandler<typeof route, LivenessEnv> = async (c) => {
  const { dossierId, processId, imageType } = c.req.valid("param");
  const services = c.var.services;
  await findProcess(services, principalOf(c), dossierId, processId);
  const image = await loadImage(services, processId, imageType);
  if (!image) {
    throw new ApiError(
      "not_found",
      imageType === "portrait"
        ? "no portrait: it is cut out of a JPEG front image once the process is finished, when a face was found in it"
        : `the process has no ${imageType} image`,
    );
  }
  return c.text(toDataUrl(image.bytes, image.contentType), 200, { "cache-control": "no-store" });
};
