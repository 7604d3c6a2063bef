import { EncryptionKeysSpec, EnvironmentName, parseEnv } from "@edgekyc/platform";
import { z } from "zod";
import { parseRetrySchedule } from "./delivery/retry-schedule.ts";

/** The gateway's settings, validated once per isolate: a missing secret fails loudly at the first request. */
export const GatewayConfig = z.object({
  ENVIRONMENT: EnvironmentName,
  WEBHOOK_RETRY_SCHEDULE: z.string().transform((spec, ctx) => {
    try {
      return parseRetrySchedule(spec);
    } catch (error) {
      ctx.addIssue({ code: "custom", message: (error as Error).message });
      return z.NEVER;
    }
  }),
  WEBHOOK_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(60).default(15),
  WEBHOOK_PAYLOAD_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  ENCRYPTION_KEYS: EncryptionKeysSpec,
  ADMIN_TOKEN: z.string().min(16, "ADMIN_TOKEN must be at least 16 characters"),
  TOKEN_SIGNING_KEY: z.string().min(32, "TOKEN_SIGNING_KEY must be at least 32 characters"),
});
export type GatewayConfig = z.output<typeof GatewayConfig>;

export function gatewayConfig(env: Env): GatewayConfig {
  return parseEnv(GatewayConfig, env);
}
