import type { AppEnv } from "@edgekyc/platform";
import type { MiddlewareHandler } from "hono";
import { isPublicIdOf, isWellFormedSecret } from "../credentials.ts";
import { type KeyAuthOptions, keySecretAuth } from "./key-auth.ts";
import { basicCredentials } from "./presented-credentials.ts";

/** iDenfy: HTTP Basic, API key (`idf_<mode>_<pub>`) as the user name and API secret as the password. */
export function idenfyAuth(options: KeyAuthOptions = {}): MiddlewareHandler<AppEnv> {
  return keySecretAuth("idenfy", {
    ...options,
    challenge: 'Basic realm="idenfy", charset="UTF-8"',
    extract: async (c) => {
      const basic = basicCredentials(c);
      return basic && isPublicIdOf("idenfy", basic.user) && isWellFormedSecret(basic.password)
        ? { publicId: basic.user, secret: basic.password }
        : null;
    },
  });
}
