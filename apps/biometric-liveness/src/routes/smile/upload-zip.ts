import { errorResponses } from "@edgekyc/platform";
import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import type { LivenessEnv } from "../../liveness-env.ts";
import { acceptUpload } from "../../smile/upload.ts";
import { withRefusals } from "./smile-schemas.ts";

export const route = createRoute({
  method: "put",
  path: "/v1/uploads/{smileJobId}/{token}",
  tags: ["Smile ID"],
  summary: "The upload_url: PUT the job's zip (info.json and images)",
  description:
    "No credentials: the URL itself is the capability (valid for an hour, once). The zip is read with limits on entries, sizes and compression ratio. Answers exactly 200, as the SDK requires.",
  request: {
    params: z.object({
      smileJobId: z
        .string()
        .regex(/^[0-9]{10}$/, "must be a 10-digit SmileJobID")
        .openapi({ param: { name: "smileJobId", in: "path" } }),
      token: z
        .string()
        .regex(/^[A-Za-z0-9]{20,64}$/, "must be the upload token")
        .openapi({ param: { name: "token", in: "path" } }),
    }),
    body: { content: { "application/zip": { schema: z.string().openapi({ format: "binary" }) } } },
  },
  responses: {
    200: { description: "Uploaded; the job is queued." },
    ...errorResponses("smileid", 400, 404, 409, 413),
  },
});

export const handler: RouteHandler<typeof route, LivenessEnv> = async (c) => {
  const { smileJobId, token } = c.req.valid("param");
  const zip = new Uint8Array(await c.req.arrayBuffer());
  const result = await withRefusals(c, () => acceptUpload(c.var.services, smileJobId, token, zip));
  if (result instanceof Response) return result as never;
  return c.body(null, 200);
};
