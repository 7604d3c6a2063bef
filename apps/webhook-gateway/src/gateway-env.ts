import type { AppEnv } from "@edgekyc/platform";

/** Hono environment of the gateway: platform variables plus this Worker's generated bindings. */
export type GatewayEnv = AppEnv & { Bindings: Env };
