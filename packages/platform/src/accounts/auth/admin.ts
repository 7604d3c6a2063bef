import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../../app/types.ts";
import { timingSafeEqual } from "../../crypto/digest.ts";
import { ApiError } from "../../errors/api-error.ts";
import { bearerToken, failAuthentication } from "./failures.ts";

/** The deployment's ADMIN_TOKEN as a bearer token. */
export function adminAuth(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const expected = (c.env as { ADMIN_TOKEN?: string }).ADMIN_TOKEN;
    if (!expected || expected.length < 16) {
      throw new ApiError(
        "unavailable",
        "the admin API is not configured (ADMIN_TOKEN is missing or too short)",
      );
    }
    const presented = bearerToken(c);
    if (!presented || !(await timingSafeEqual(presented, expected))) return failAuthentication(c);
    await next();
  };
}
