import type { AppEnv } from "@edgekyc/platform";
import type { MiddlewareHandler } from "hono";
import { splitCompositeKey } from "../credentials.ts";
import { type KeyAuthOptions, keySecretAuth } from "./key-auth.ts";
import { bearerToken } from "./presented-credentials.ts";

/** The platform's own API (partner webhooks API): `Authorization: Bearer ek_<mode>_<pub>_<secret>`. */
export function edgekycKeyAuth(options: KeyAuthOptions = {}): MiddlewareHandler<AppEnv> {
  return keySecretAuth("edgekyc", {
    ...options,
    challenge: 'Bearer realm="edgekyc"',
    extract: async (c) => {
      const token = bearerToken(c);
      return token ? splitCompositeKey("edgekyc", token) : null;
    },
  });
}
