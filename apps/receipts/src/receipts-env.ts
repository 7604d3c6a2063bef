import type { AppEnv } from "@edgekyc/platform";
import type { ReceiptsServices } from "./services.ts";

/** Hono environment of the receipts Worker: its generated bindings and the services built per request. */
export type ReceiptsEnv = AppEnv<Env, ReceiptsServices>;
