import { EncryptionKeysSpec, EnvironmentName, parseEnv } from "@edgekyc/platform";
import { z } from "zod";
import { JweKeyRingSpec } from "./domain/chip-envelope.ts";

/** nfc-session's settings, validated once per isolate: a missing secret fails loudly at the first request. */
export const NfcConfig = z.object({
  ENVIRONMENT: EnvironmentName,
  ENCRYPTION_KEYS: EncryptionKeysSpec,
  ADMIN_TOKEN: z.string().min(16, "ADMIN_TOKEN must be at least 16 characters"),
  NFC_JWE_KEYS: z.string().superRefine((spec, ctx) => {
    const parsed = JweKeyRingSpec.safeParse(spec);
    if (!parsed.success)
      ctx.addIssue({ code: "custom", message: parsed.error.issues[0]?.message ?? "invalid" });
  }),
  REDEEM_CLIENT_FAILURES: z.coerce.number().int().min(1).max(1000).default(10),
  REDEEM_GLOBAL_FAILURES: z.coerce.number().int().min(1).max(1_000_000).default(1000),
  REDEEM_WINDOW_SECONDS: z.coerce.number().int().min(10).max(86_400).default(600),
  /** The platform's Smile ID account for partners whose faceEngine is "smileid" (live keys). */
  SMILE_ID_FACE_URL: z.url({ protocol: /^https?$/ }).default("https://api.smileidentity.com/v1"),
  SMILE_ID_FACE_PARTNER_ID: z.string().default(""),
  SMILE_ID_FACE_API_KEY: z.string().optional(),
});
export type NfcConfig = z.output<typeof NfcConfig>;

export function nfcConfig(env: Env): NfcConfig {
  return parseEnv(NfcConfig, env);
}
