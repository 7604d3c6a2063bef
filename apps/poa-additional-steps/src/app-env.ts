import type { AppEnv, Principal } from "@edgekyc/platform";
import type { Context } from "hono";
import type { Reviewer } from "./domain/review-queue.ts";
import { IdenfyError } from "./idenfy-errors.ts";
import type { PoaServices } from "./services.ts";

type BaseEnv = AppEnv<Env, PoaServices>;
export type PoaEnv = BaseEnv & { Variables: BaseEnv["Variables"] & { reviewer?: Reviewer } };

export function principalOf(c: Context<PoaEnv>): Principal {
  const principal = c.get("principal");
  if (!principal) throw new IdenfyError("UNAUTHORIZED", 401, "missing or invalid credentials");
  return principal;
}

/** The public origin of this request: signed file links in callbacks point back at it. */
export const originOf = (c: Context) => new URL(c.req.url).origin;

/** Bodies of JSON routes are small; only file routes take large ones (they check their own cap). */
export const JSON_BODY_LIMIT = 256 * 1024;
