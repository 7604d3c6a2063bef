import { EncryptionKeysSpec, EnvironmentName, parseEnv } from "@edgekyc/platform";
import { z } from "zod";

const optional = z
  .string()
  .optional()
  .transform((value) => (value?.trim() ? value.trim() : undefined));

/**
 * The app's configuration, validated once per isolate. Live-mode providers are optional: without them a
 * live key's request that needs one is answered 503 (test-mode keys never need them).
 */
export const EkycConfig = z.object({
  ENVIRONMENT: EnvironmentName,
  ENCRYPTION_KEYS: EncryptionKeysSpec,
  TWILIO_ACCOUNT_SID: optional,
  TWILIO_AUTH_TOKEN: optional,
  TWILIO_FROM: optional,
  POSTMARK_SERVER_TOKEN: optional,
  POSTMARK_FROM: optional,
  MODULR_API_KEY: optional,
  MODULR_API_SECRET: optional,
  MODULR_SOURCE_ACCOUNT_ID: optional,
  MODULR_BASE_URL: optional,
});
export type EkycConfig = z.output<typeof EkycConfig>;

export function ekycConfig(env: Env): EkycConfig {
  return parseEnv(EkycConfig, env);
}
