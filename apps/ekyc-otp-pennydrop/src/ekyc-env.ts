import type { AppVariables } from "@edgekyc/platform";
import type { EkycServices } from "./services.ts";

/** Hono environment of the app: platform variables, the NDT Session-Id, the services, and the bindings. */
export type EkycEnv = {
  Bindings: Env;
  Variables: AppVariables<EkycServices> & { ndtSessionId?: string };
};
