import { ApiError } from "@edgekyc/platform";
import type { MiddlewareHandler } from "hono";
import type { LivenessEnv } from "../../liveness-env.ts";

/** The sandbox routes exist only in development and test runs; elsewhere they are not found. */
export function developmentOnly(): MiddlewareHandler<LivenessEnv> {
  return async (c, next) => {
    const environment = c.var.services.config.ENVIRONMENT;
    if (environment !== "development" && environment !== "test") {
      throw new ApiError("not_found", `no route for ${c.req.method} ${c.req.path}`);
    }
    await next();
  };
}
