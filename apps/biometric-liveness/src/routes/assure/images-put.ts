import { assureAuth } from "@edgekyc/accounts";
import { ApiError, errorResponses } from "@edgekyc/platform";
import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import { SETTABLE_IMAGES, setProcessImage } from "../../assure/enrollment.ts";
import { decodeImage } from "../../images/image-input.ts";
import type { LivenessEnv } from "../../liveness-env.ts";
import { principalOf } from "../principal.ts";
import { ProcessParams } from "./assure-schemas.ts";

export const route = createRoute({
  method: "put",
  path: "/assure/dossiers/{dossierId}/processes/{processId}/images/{imageType}",
  tags: ["Signicat Assure"],
  summary: "Set an image of a process (front, back or selfie) as a data URL",
  description:
    "The body is the image as a data URL (`data:image/jpeg;base64,…`), sent as text/plain or as a JSON string. Allowed while the process is pending; setting an image again replaces it.",
  security: [{ assureClientCredentials: [] }],
  middleware: [assureAuth()] as const,
  request: {
    params: ProcessParams.extend({
      imageType: z.enum(SETTABLE_IMAGES).openapi({ param: { name: "imageType", in: "path" } }),
    }),
    body: { content: { "text/plain": { schema: z.string() }, "application/json": { schema: z.string() } } },
  },
  responses: {
    204: { description: "Stored (encrypted, under the partner's prefix)." },
    ...errorResponses("assure", 400, 401, 403, 404, 409, 413, 415, 422, 429),
  },
});

/** The data URL from a text/plain body or a JSON string body. */
async function dataUrlBody(c: Parameters<RouteHandler<typeof route, LivenessEnv>>[0]): Promise<string> {
  const type = (c.req.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
  const text = await c.req.text();
  if (type === "application/json") {
    try {
      const value: unknown = JSON.parse(text);
      if (typeof value === "string") return value;
    } catch {
      // Falls through to the error below.
    }
    throw new ApiError("validation_failed", "a JSON body must be the data URL as one JSON string");
  }
  if (type !== "text/plain" && type !== "" && type !== "*/*") {
    throw new ApiError("unsupported_media_type", "send the data URL as text/plain or as a JSON string");
  }
  return text;
}

export const handler: RouteHandler<typeof route, LivenessEnv> = async (c) => {
  const { dossierId, processId, imageType } = c.req.valid("param");
  const image = decodeImage(await dataUrlBody(c), imageType);
  await setProcessImage(c.var.services, principalOf(c), { dossierId, processId }, imageType, image);
  return c.body(null, 204);
};
