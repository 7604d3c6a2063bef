import { EncryptionKeysSpec, EnvironmentName, parseEnv, TokenSigningKey } from "@edgekyc/platform";
import { z } from "zod";

const Seconds = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** The Worker's variables and secrets, validated once per isolate (a bad value fails loudly, by name). */
export const PoaConfig = z.object({
  ENVIRONMENT: EnvironmentName,
  ENCRYPTION_KEYS: EncryptionKeysSpec,
  TOKEN_SIGNING_KEY: TokenSigningKey,
  MAX_FILE_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(20 * 1024 * 1024),
  FILE_LINK_TTL_SECONDS: Seconds(60, 7 * 86_400),
  REVIEW_CLAIM_SECONDS: Seconds(60, 86_400),
});
export type PoaConfig = z.output<typeof PoaConfig>;

export function poaConfig(env: object): PoaConfig {
  return parseEnv(PoaConfig, env);
}
