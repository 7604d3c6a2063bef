import { ApiError, type Principal } from "@edgekyc/platform";
import type { Context } from "hono";
import type { GatewayEnv } from "../gateway-env.ts";

/** The authenticated partner key of a partner-API route. */
export function partnerPrincipal(c: Context<GatewayEnv>): Principal {
  const principal = c.get("principal");
  if (!principal) throw new ApiError("unauthorized", "a partner API key is required");
  return principal;
}
