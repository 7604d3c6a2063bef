import { ApiError } from "@edgekyc/platform";
import { createMiddleware } from "hono/factory";
import type { EkycEnv } from "../../ekyc-env.ts";

/**
 * The sandbox's development routes (which exist only with ENVIRONMENT=development: the platform answers
 * 404 for /dev/* elsewhere) serve test-mode keys only: a live key never reads sandbox data.
 */
export const testModeOnly = createMiddleware<EkycEnv>(async (c, next) => {
  if (c.var.principal?.mode !== "test") throw new ApiError("not_found", `no route for ${c.req.path}`);
  await next();
});
