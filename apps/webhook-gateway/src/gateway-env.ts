import type { AppEnv } from "@edgekyc/platform";
import type { GatewayServices } from "./services.ts";

/** Hono environment of the gateway: its generated bindings and the services built per request. */
export type GatewayEnv = AppEnv<Env, GatewayServices>;
