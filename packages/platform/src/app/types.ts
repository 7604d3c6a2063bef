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

export interface AppVariables<S = unknown> {
  requestId: string;
  log: Logger;
  dialect: Dialect;
  principal?: Principal;
  /** What the app's services factory built for this request (see NewAppOptions.services). */
  services: S;
}

/** The Hono environment of an app: its bindings (`Env` from wrangler types) and its services. */
export type AppEnv<B extends object = object, S = unknown> = { Bindings: B; Variables: AppVariables<S> };

/**
 * Builds an app's services (database clients, repositories, queues, config) from its bindings. newApp
 * calls it once per request and puts the result on `c.var.services`; the queue and scheduled handlers
 * call the same factory. Costly parts (imported keys) are cached per isolate by what they are built from.
 */
export type ServicesFactory<B, S> = (env: B, log: Logger) => S | Promise<S>;
