import { MAX_LIVENESS_FRAMES } from "@edgekyc/face-engine";
import { memoryInfo, toOutcome } from "@edgekyc/face-engine/engine";
import { errorResponses } from "@edgekyc/platform";
import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import { faceEngine } from "../engine.ts";
import type { FaceEngineEnv } from "../env.ts";
import { Base64Image, decodeBase64, inputError } from "./schemas.ts";

export const route = createRoute({
  method: "post",
  path: "/dev/face-engine/liveness",
  tags: ["Development"],
  summary: "Score passive liveness over frames (development only)",
  request: {
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z.object({
            // The engine checks the count itself (typed no_frames / too_many_frames); the schema only
            // stops absurd lists before anything is decoded.
            frames: z.array(Base64Image).max(MAX_LIVENESS_FRAMES * 4),
            minConfidence: z.number().min(0).max(100).optional(),
          }),
        },
      },
    },
  },
  responses: {
    200: {
      description: "The LivenessResult of @edgekyc/face-engine, plus the engine's memory after the call.",
      content: { "application/json": { schema: z.object({ result: z.any(), memory: z.any() }) } },
    },
    ...errorResponses("edgekyc", 404, 413, 422),
  },
});

export const handler: RouteHandler<typeof route, FaceEngineEnv> = async (c) => {
  const { frames, minConfidence } = c.req.valid("json");
  const outcome = await toOutcome(() =>
    faceEngine().liveness({
      frames: frames.map(decodeBase64),
      ...(minConfidence === undefined ? {} : { minConfidence }),
    }),
  );
  if (!outcome.ok) inputError(outcome.error);
  return c.json({ result: outcome.value, memory: memoryInfo() }, 200);
};
