import { memoryInfo, toOutcome } from "@edgekyc/face-engine/engine";
import { errorResponses } from "@edgekyc/platform";
import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import { faceEngine } from "../engine.ts";
import type { FaceEngineEnv } from "../env.ts";
import { Base64Image, decodeBase64, inputError } from "./schemas.ts";

export const route = createRoute({
  method: "post",
  path: "/dev/face-engine/compare",
  tags: ["Development"],
  summary: "Compare two faces (development only; other Workers use the RPC entrypoint)",
  request: {
    body: {
      required: true,
      content: { "application/json": { schema: z.object({ reference: Base64Image, probe: Base64Image }) } },
    },
  },
  responses: {
    200: {
      description: "The CompareResult of @edgekyc/face-engine, plus the engine's memory after the call.",
      content: { "application/json": { schema: z.object({ result: z.any(), memory: z.any() }) } },
    },
    ...errorResponses("edgekyc", 404, 413, 422),
  },
});

export const handler: RouteHandler<typeof route, FaceEngineEnv> = async (c) => {
  const { reference, probe } = c.req.valid("json");
  const outcome = await toOutcome(() =>
    faceEngine().compare({ reference: decodeBase64(reference), probe: decodeBase64(probe) }),
  );
  if (!outcome.ok) inputError(outcome.error);
  return c.json({ result: outcome.value, memory: memoryInfo() }, 200);
};
