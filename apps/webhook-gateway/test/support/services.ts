import { env } from "cloudflare:workers";
import { createLogger } from "@edgekyc/platform";
import { gatewayServices } from "../../src/services.ts";

/** The gateway's services over the test env, built by the same factory the Worker uses. */
export const testServices = () => gatewayServices(env, createLogger({ app: "webhook-gateway-test" }));
