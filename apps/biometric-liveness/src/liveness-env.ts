import type { AppEnv } from "@edgekyc/platform";
import type { Reviewer } from "./review/reviewer-keys.ts";
import type { Services } from "./services.ts";

/** Hono environment of the app: platform variables, the services, and this Worker's generated bindings. */
export type LivenessEnv = AppEnv & {
  Bindings: Env;
  Variables: AppEnv["Variables"] & { services: Services; reviewer?: Reviewer };
};
