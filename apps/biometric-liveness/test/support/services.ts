import { env } from "cloudflare:workers";
import { createLogger } from "@edgekyc/platform";
import { livenessServices, type Services } from "../../src/services.ts";

export function testServices(): Promise<Services> {
  return livenessServices(env, createLogger({ app: "biometric-liveness-test" }));
}
