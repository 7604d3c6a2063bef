import { ApiError } from "@edgekyc/platform";
import { createMiddleware } from "hono/factory";
import type { FaceEngineEnv } from "../env.ts";

/** Development routes do not exist outside `ENVIRONMENT=development`: they answer 404 there. */
export const developmentOnly = createMiddleware<FaceEngineEnv>(async (c, next) => {
  if ((c.env.ENVIRONMENT as string) !== "development")
    throw new ApiError("not_found", `no route for ${c.req.path}`);
  await next();
});
