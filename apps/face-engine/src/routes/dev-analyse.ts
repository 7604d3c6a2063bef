import { memoryInfo, toOutcome } from "@edgekyc/face-engine/engine";
import { errorResponses } from "@edgekyc/platform";
import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import { faceEngine } from "../engine.ts";
import type { FaceEngineEnv } from "../env.ts";
import { Base64Image, decodeBase64, inputError } from "./schemas.ts";

export const route = createRoute({
  method: "post",
  path: "/dev/face-engine/analyse",
  tags: ["Development"],
  summary: "Detect, align and embed one face (development only; calibration and benchmark use it)",
  request: {
    body: { required: true, content: { "application/json": { schema: z.object({ image: Base64Image }) } } },
  },
  responses: {
    200: {
      description: "The FaceAnalysis (with its embedding) and the engine's memory after the call.",
      content: { "application/json": { schema: z.object({ analysis: z.any(), memory: z.any() }) } },
    },
    ...errorResponses("edgekyc", 404, 413, 422),
  },
});

export const handler: RouteHandler<typeof route, FaceEngineEnv> = async (c) => {
  const { image } = c.req.valid("json");
  const outcome = await toOutcome(() => faceEngine().analyse(decodeBase64(image)));
  if (!outcome.ok) inputError(outcome.error);
  return c.json({ analysis: outcome.value, memory: memoryInfo() }, 200);
};
