import type { Dialect, Mode } from "@edgekyc/schemas";
import type { Logger } from "../log.ts";

/** Who called: set by the dialect's auth middleware. */
export interface Principal {
  partnerId: string;
  keyId: string;
  mode: Mode;
  dialect: Dialect;
  scopes: string[];
}

export interface AppVariables {
  requestId: string;
  log: Logger;
  dialect: Dialect;
  principal?: Principal;
}

export type AppEnv = { Bindings: object; Variables: AppVariables };
