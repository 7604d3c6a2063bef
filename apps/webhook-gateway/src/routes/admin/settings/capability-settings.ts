import {
  BiometricLivenessSettings,
  EkycOtpPennydropSettings,
  NfcSessionSettings,
  PoaAdditionalStepsSettings,
} from "@edgekyc/schemas";
import { z } from "@hono/zod-openapi";

/** The settings of any capability (documentation: which one follows from the path). */
export const AnyCapabilitySettings = z
  .union([
    NfcSessionSettings,
    BiometricLivenessSettings,
    EkycOtpPennydropSettings,
    PoaAdditionalStepsSettings,
  ])
  .openapi("CapabilitySettings", {
    description:
      "nfc-session: NfcSessionSettings; biometric-liveness: BiometricLivenessSettings; ekyc-otp-pennydrop: EkycOtpPennydropSettings; poa-additional-steps: PoaAdditionalStepsSettings (packages/schemas).",
  });

/**
 * A settings body: any JSON object here, checked against the path's capability by the handler, so a
 * 422 names the wrong field of that capability's schema rather than of a union.
 */
export const SettingsBody = z.record(z.string(), z.unknown()).openapi({
  description: "The capability's settings; omitted fields take their defaults.",
  example: { numImagesLiveness: 3 },
});
