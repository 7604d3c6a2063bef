import { smileIdAuth } from "@edgekyc/accounts";
import { ApiError, errorResponses } from "@edgekyc/platform";
import { HttpUrl } from "@edgekyc/schemas";
import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import type { LivenessEnv } from "../../liveness-env.ts";
import type { JobType } from "../../smile/result-codes.ts";
import { createJob } from "../../smile/upload.ts";
import { principalOf } from "../principal.ts";
import { smileClientIdAsPartnerId } from "./smile-client-id.ts";
import { baseUrlOf, UploadRequest, UploadResponse, withRefusals } from "./smile-schemas.ts";

export const route = createRoute({
  method: "post",
  path: "/v1/upload",
  tags: ["Smile ID"],
  summary: "Submit a job (types 1, 2, 4): answers the upload_url for its zip",
  security: [{ smileIdSignature: [] }],
  middleware: [smileClientIdAsPartnerId(), smileIdAuth()] as const,
  request: { body: { required: true, content: { "application/json": { schema: UploadRequest } } } },
  responses: {
    200: {
      description: "Where to PUT the zip.",
      content: { "application/json": { schema: UploadResponse } },
    },
    ...errorResponses("smileid", 400, 401, 413, 415, 422, 429),
  },
});

export const handler: RouteHandler<typeof route, LivenessEnv> = async (c) => {
  const body = c.req.valid("json");
  const services = c.var.services;
  const callback = body.callback_url ? HttpUrl.safeParse(body.callback_url) : null;
  if (callback && !callback.success) {
    throw new ApiError("validation_failed", "callback_url must be an http(s) URL", {
      details: [{ path: "callback_url", message: "must be an http(s) URL" }],
    });
  }
  const { user_id, job_id, job_type, ...extra } = body.partner_params;
  const idInfo =
    body.id_number || body.country
      ? {
          country: body.country,
          id_type: body.id_type,
          id_number: body.id_number,
          first_name: body.first_name,
          last_name: body.last_name,
          middle_name: body.middle_name,
          dob: body.dob,
        }
      : null;
  const result = await withRefusals(c, () =>
    createJob(
      services,
      principalOf(c),
      {
        jobId: job_id,
        userId: user_id,
        jobType: job_type as JobType,
        callbackUrl: callback?.success ? callback.data : null,
        partnerParams: { user_id, job_id, job_type, ...extra },
        idInfo,
        holderKey: body.holder_key ?? null,
      },
      baseUrlOf(c, services.config.PUBLIC_BASE_URL),
    ),
  );
  if (result instanceof Response) return result as never;
  return c.json(
    {
      upload_url: result.uploadUrl,
      smile_job_id: result.smileJobId,
      ref_id: result.smileJobId,
      camera_config: null,
      code: "2202" as const,
    },
    200,
  );
};
