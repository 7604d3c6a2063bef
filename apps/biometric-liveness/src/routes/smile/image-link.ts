import { errorResponses } from "@edgekyc/platform";
import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import type { LivenessEnv } from "../../liveness-env.ts";
import { openImageLink } from "../../smile/image-links.ts";

export const route = createRoute({
  method: "get",
  path: "/v1/images/{token}",
  tags: ["Smile ID"],
  summary: "An image link of return_image_links (short-lived, signed)",
  request: {
    params: z.object({
      token: z
        .string()
        .max(600)
        .openapi({ param: { name: "token", in: "path" } }),
    }),
  },
  responses: {
    200: {
      description: "The image.",
      content: { "image/jpeg": { schema: z.string().openapi({ format: "binary" }) } },
    },
    ...errorResponses("smileid", 400, 404),
  },
});

export const handler: RouteHandler<typeof route, LivenessEnv> = async (c) => {
  const image = await openImageLink(c.var.services, c.req.valid("param").token);
  if (!image)
    return c.json({ code: "2203", error: "this image link is invalid or has expired" }, 404) as never;
  return c.body(image.bytes as never, 200, {
    "content-type": image.contentType,
    "cache-control": "private, no-store",
  }) as never;
};
