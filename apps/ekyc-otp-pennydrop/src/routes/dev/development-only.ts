import { ApiError } from "@edgekyc/platform";
import { createMiddleware } from "hono/factory";
import type { EkycEnv } from "../../ekyc-env.ts";

/**
 * The sandbox's development routes exist only with ENVIRONMENT=development, and only for test-mode keys:
 * elsewhere they answer 404 like any unknown path.
 */
export const developmentOnly = createMiddleware<EkycEnv>(async (c, next) => {
  if ((c.env.ENVIRONMENT as string) !== "development")
    throw new ApiError("not_found", `no route for ${c.req.path}`);
  await next();
});

export const testModeOnly = createMiddleware<EkycEnv>(async (c, next) => {
  if (c.var.principal?.mode !== "test") throw new ApiError("not_found", `no route for ${c.req.path}`);
  await next();
});
