import type { AppEnv } from "@edgekyc/platform";
import { ConfigError, MIN_ADMIN_TOKEN_LENGTH, timingSafeEqual } from "@edgekyc/platform";
import type { MiddlewareHandler } from "hono";
import { refuse } from "./failures.ts";
import { bearerToken } from "./presented-credentials.ts";

/** The deployment's `ADMIN_TOKEN` as a bearer token (admin API, edgekyc dialect). Sets no principal. */
export function adminAuth(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set("dialect", "edgekyc");
    const expected = (c.env as { ADMIN_TOKEN?: string }).ADMIN_TOKEN;
    if (!expected || expected.length < MIN_ADMIN_TOKEN_LENGTH) {
      throw new ConfigError(`ADMIN_TOKEN must be set to at least ${MIN_ADMIN_TOKEN_LENGTH} characters`);
    }
    const presented = bearerToken(c);
    // Compare even when nothing was presented, so both cases take the same time.
    const matches = await timingSafeEqual(presented ?? "", expected);
    if (!presented || !matches) return refuse(c, "edgekyc", 'Bearer realm="edgekyc-admin"');
    await next();
  };
}
