import type { AppVariables } from "@edgekyc/platform";
import type { Reviewer } from "./review/reviewer-keys.ts";
import type { Services } from "./services.ts";

/** Hono environment of the app: this Worker's generated bindings, the services, the review API's reviewer. */
export type LivenessEnv = {
  Bindings: Env;
  Variables: AppVariables<Services> & { reviewer?: Reviewer };
};
