import { smileIdAuth } from "@edgekyc/accounts";
import { errorResponses } from "@edgekyc/platform";
import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import type { LivenessEnv } from "../../liveness-env.ts";
import { jobStatus } from "../../smile/job-status.ts";
import { principalOf } from "../principal.ts";
import { baseUrlOf, JobStatusRequest, JobStatusResponse, withRefusals } from "./smile-schemas.ts";

export const route = createRoute({
  method: "post",
  path: "/v1/job_status",
  tags: ["Smile ID"],
  summary: "A job's status and (machine) result, signed",
  security: [{ smileIdSignature: [] }],
  middleware: [smileIdAuth()] as const,
  request: { body: { required: true, content: { "application/json": { schema: JobStatusRequest } } } },
  responses: {
    200: { description: "The status.", content: { "application/json": { schema: JobStatusResponse } } },
    ...errorResponses("smileid", 400, 401, 404, 415, 422, 429),
  },
});

export const handler: RouteHandler<typeof route, LivenessEnv> = async (c) => {
  const body = c.req.valid("json");
  const services = c.var.services;
  const result = await withRefusals(c, () =>
    jobStatus(
      services,
      principalOf(c),
      {
        userId: body.user_id,
        jobId: body.job_id,
        history: body.history === true,
        imageLinks: body.image_links === true,
      },
      baseUrlOf(c, services.config.PUBLIC_BASE_URL),
    ),
  );
  if (result instanceof Response) return result as never;
  return c.json(result as never, 200);
};
