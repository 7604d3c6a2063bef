import type { AppEnv } from "@edgekyc/platform";
import type { MiddlewareHandler } from "hono";
import { splitCompositeKey } from "../credentials.ts";
import { type KeyAuthOptions, keySecretAuth } from "./key-auth.ts";
import { jsonBodyObject } from "./presented-credentials.ts";

/** MachineSense: `api_key` (`ms_<mode>_<pub>_<secret>`) in the JSON body. */
export function machineSenseAuth(options: KeyAuthOptions = {}): MiddlewareHandler<AppEnv> {
  return keySecretAuth("machinesense", {
    ...options,
    extract: async (c) => {
      const apiKey = (await jsonBodyObject(c))?.api_key;
      return typeof apiKey === "string" ? splitCompositeKey("machinesense", apiKey) : null;
    },
  });
}
