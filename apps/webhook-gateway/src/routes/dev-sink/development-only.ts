import { ApiError } from "@edgekyc/platform";
import { createMiddleware } from "hono/factory";
import type { GatewayEnv } from "../../gateway-env.ts";

/** Development helpers do not exist outside `ENVIRONMENT=development`: they answer 404 there. */
export const developmentOnly = createMiddleware<GatewayEnv>(async (c, next) => {
  // The deployed config says "production"; .dev.vars sets "development" locally.
  if ((c.env.ENVIRONMENT as string) !== "development")
    throw new ApiError("not_found", `no route for ${c.req.path}`);
  await next();
});
