import { ApiError, type Principal } from "@edgekyc/platform";
import type { Context } from "hono";

/** The authenticated partner of a route behind a dialect's auth middleware. */
export function principalOf(c: Context): Principal {
  const principal = (c.var as { principal?: Principal }).principal;
  if (!principal) throw new ApiError("unauthorized", "missing or invalid credentials");
  return principal;
}
