import { EncryptionKeysSpec, EnvironmentName, parseEnv } from "@edgekyc/platform";
import { z } from "zod";

/** The app's settings, validated once per isolate: a missing secret fails loudly at the first request. */
export const LivenessConfig = z.object({
  ENVIRONMENT: EnvironmentName,
  ENCRYPTION_KEYS: EncryptionKeysSpec,
  TOKEN_SIGNING_KEY: z.string().min(32, "TOKEN_SIGNING_KEY must be at least 32 characters"),
  ADMIN_TOKEN: z.string().min(16, "ADMIN_TOKEN must be at least 16 characters"),
  PUBLIC_BASE_URL: z
    .string()
    .default("")
    .refine(
      (value) => value === "" || /^https?:\/\/[^/?#]+(\/[^?#]*)?$/.test(value),
      "must be an http(s) URL",
    ),
  SMILE_ID_AUTHORITY_URL: z.url({ protocol: /^https?$/ }).default("https://api.smileidentity.com/v1"),
  SMILE_ID_AUTHORITY_PARTNER_ID: z.string().default(""),
  SMILE_ID_AUTHORITY_API_KEY: z.string().optional(),
  /** The platform's Smile ID account for partners whose faceEngine is "smileid" (live keys). */
  SMILE_ID_FACE_URL: z.url({ protocol: /^https?$/ }).default("https://api.smileidentity.com/v1"),
  SMILE_ID_FACE_PARTNER_ID: z.string().default(""),
  SMILE_ID_FACE_API_KEY: z.string().optional(),
});
export type LivenessConfig = z.output<typeof LivenessConfig>;

export function livenessConfig(env: Env): LivenessConfig {
  return parseEnv(LivenessConfig, env);
}
