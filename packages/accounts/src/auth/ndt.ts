import type { AppVariables } from "@edgekyc/platform";
import { ApiError, timingSafeEqual } from "@edgekyc/platform";
import type { MiddlewareHandler } from "hono";
import { splitCompositeKey } from "../credentials.ts";
import { type KeyAuthOptions, keySecretAuth } from "./key-auth.ts";
import { bearerToken } from "./presented-credentials.ts";

/** NDT routes see the caller's `Session-Id` header, when it sent one, as `c.var.ndtSessionId`. */
export type NdtAuthEnv = { Bindings: object; Variables: AppVariables & { ndtSessionId?: string } };

const SESSION_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const SESSION_ID_RULE = "must be 1-128 letters, digits, '.', '_', ':' or '-'";

/**
 * NDT eKYC: `Authorization: Bearer ndt_<mode>_<pub>_<secret>` and a `Merchant-Id` header that must be the
 * key's partner's merchant id (a wrong one is refused like a wrong key).
 */
export function ndtAuth(options: KeyAuthOptions = {}): MiddlewareHandler<NdtAuthEnv> {
  const authenticate = keySecretAuth<NdtAuthEnv>("ndt", {
    ...options,
    challenge: 'Bearer realm="ndt"',
    extract: async (c) => {
      const token = bearerToken(c);
      return token ? splitCompositeKey("ndt", token) : null;
    },
    check: async (c, key) =>
      timingSafeEqual(
        (c.req.header("merchant-id") ?? "").trim().toLowerCase(),
        key.ndtMerchantId.toLowerCase(),
      ),
  });
  return async (c, next) =>
    authenticate(c, async () => {
      const sessionId = c.req.header("session-id");
      if (sessionId !== undefined) {
        if (!SESSION_ID.test(sessionId)) {
          throw new ApiError("bad_request", `Session-Id header ${SESSION_ID_RULE}`, {
            details: [{ path: "Session-Id", message: SESSION_ID_RULE }],
          });
        }
        c.set("ndtSessionId", sessionId);
      }
      await next();
    });
}
