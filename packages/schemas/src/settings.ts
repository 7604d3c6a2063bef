import { z } from "zod";
import { type Capability, HttpsUrl, HttpUrl } from "./primitives.ts";

/** nfc-session (MachineSense): defaults that a session_init call's `options` can override. */
export const NfcSessionSettings = z.strictObject({
  /** Where the reader app sends the user after the webhook was confirmed. */
  redirectUrl: HttpsUrl.nullable().default(null),
  /** Images to include in the webhook by default ("selfie", "docface"). */
  sendScan: z
    .array(z.enum(["selfie", "docface"]))
    .max(2)
    .default([]),
  numImagesLiveness: z.number().int().min(1).max(8).default(1),
  forceMrzConsent: z.boolean().default(false),
  /** How long a 4-character init code can be entered in the app. */
  initCodeTtlSeconds: z.number().int().min(60).max(3600).default(600),
  /** How long the app waits for the partner's webhook_confirmation. */
  webhookConfirmationTimeoutSeconds: z.number().int().min(30).max(3600).default(300),
});

/** biometric-liveness (Signicat Assure / FaceTec and Smile ID). */
export const BiometricLivenessSettings = z
  .strictObject({
    /** FaceTec matchLevel at or above which a process is accepted (6 = 1/100,000 FAR). */
    acceptMatchLevel: z.number().int().min(1).max(10).default(6),
    /** matchLevel from which a process is inconclusive rather than rejected (1 = 1/100 FAR). */
    inconclusiveMatchLevel: z.number().int().min(1).max(10).default(1),
    /** Liveness score (0..1) below which liveness fails. */
    livenessThreshold: z.number().min(0).max(1).default(0.5),
    /** Smile ID: callback used when a job names none. */
    smileIdDefaultCallbackUrl: HttpUrl.nullable().default(null),
  })
  .superRefine((value, ctx) => {
    if (value.inconclusiveMatchLevel >= value.acceptMatchLevel) {
      ctx.addIssue({
        code: "custom",
        path: ["inconclusiveMatchLevel"],
        message: "must be lower than acceptMatchLevel",
      });
    }
  });

/** ekyc-otp-pennydrop (NDT eKYC 2.0): the configuration keys of NDT's "Customise eKYC" table. */
export const EkycOtpPennydropSettings = z.strictObject({
  maximumNumberOfInitiatesPerDuration: z.number().int().min(1).max(20).default(3),
  passcodeExpiryInMilliseconds: z.number().int().min(30_000).max(86_400_000).default(300_000),
  initiatesDurationInMilliseconds: z.number().int().min(60_000).max(604_800_000).default(3_600_000),
  maximumNumberOfInvalidValidates: z.number().int().min(1).max(50).default(5),
  maximumNumberOfInvalidValidatesPerSession: z.number().int().min(1).max(20).default(3),
  maximumNumberOfExpiredValidates: z.number().int().min(0).max(20).default(3),
  otpCodeLength: z.number().int().min(4).max(10).default(6),
  tempLockEnabledOnInitiateApplication: z.boolean().default(true),
  tempLockDurationOnInitiateApplicationInSeconds: z.number().int().min(0).max(86_400).default(900),
});

/** iDenfy's translation locales for additional-step texts. */
export const IDENFY_LOCALES = [
  "lt",
  "en",
  "ru",
  "pl",
  "lv",
  "et",
  "ro",
  "it",
  "de",
  "fr",
  "sv",
  "es",
  "hu",
  "ja",
  "bg",
  "cs",
  "nl",
  "pt",
  "uk",
  "vi",
  "sk",
  "th",
  "hi",
  "id",
] as const;

export const AdditionalStep = z.strictObject({
  type: z.enum(["UPLOAD", "COMPARE", "EXTRACT"]),
  texts: z
    .partialRecord(
      z.enum(IDENFY_LOCALES),
      z.strictObject({ name: z.string().min(1).max(200), description: z.string().max(2000) }),
    )
    .refine((texts) => Object.keys(texts).length > 0, "must have at least one locale"),
  fields: z
    .array(z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,63}$/))
    .max(20)
    .default([]),
  settings: z.strictObject({
    canUpload: z.boolean().default(true),
    canCapture: z.boolean().default(true),
    canUploadPDF: z.boolean().default(true),
  }),
});

export const IDENFY_DOCUMENT_TYPES = ["ID_CARD", "PASSPORT", "DRIVER_LICENSE", "RESIDENCE_PERMIT"] as const;

const UTILITY_BILL_EN = {
  name: "Please upload a proof of address document",
  description:
    "Please make sure that the proof of address document is fully visible and is not older than 3 months. All information must be clearly visible including your full name, address, date of the document, and the document must be a legitimate utility bill or a bank statement, as handwritten papers are not accepted. Also, the utility bill must be in Latin alphabet. ID documents are not accepted as valid proof of address.",
};

/** poa-additional-steps (iDenfy): the environment-level additional steps and token defaults. */
export const PoaAdditionalStepsSettings = z.strictObject({
  /** Step name (e.g. UTILITY_BILL) → definition; applied to every country and document unless a request overrides. */
  additionalSteps: z
    .record(z.string().regex(/^[A-Z][A-Z0-9_]{0,63}$/, "step names are UPPER_SNAKE_CASE"), AdditionalStep)
    .default({
      UTILITY_BILL: {
        type: "UPLOAD",
        texts: { en: UTILITY_BILL_EN },
        fields: [],
        settings: { canUpload: true, canCapture: true, canUploadPDF: true },
      },
    }),
  /** Seconds a token can be used to start (iDenfy `expiryTime`). */
  expiryTime: z.number().int().min(60).max(2_592_000).default(3600),
  /** Seconds a started session lasts (iDenfy `sessionLength`). */
  sessionLength: z.number().int().min(60).max(3600).default(600),
  documents: z
    .array(z.enum(IDENFY_DOCUMENT_TYPES))
    .min(1)
    .default([...IDENFY_DOCUMENT_TYPES]),
});

export const CapabilitySettings = {
  "nfc-session": NfcSessionSettings,
  "biometric-liveness": BiometricLivenessSettings,
  "ekyc-otp-pennydrop": EkycOtpPennydropSettings,
  "poa-additional-steps": PoaAdditionalStepsSettings,
} as const satisfies Record<Capability, z.ZodType>;

export type CapabilitySettingsOf<C extends Capability> = z.output<(typeof CapabilitySettings)[C]>;

export type SettingsIssue = { path: string; message: string };

export function parseCapabilitySettings<C extends Capability>(
  capability: C,
  input: unknown,
): { success: true; data: CapabilitySettingsOf<C> } | { success: false; issues: SettingsIssue[] } {
  const result = CapabilitySettings[capability].safeParse(input);
  if (result.success) return { success: true, data: result.data as CapabilitySettingsOf<C> };
  return {
    success: false,
    issues: result.error.issues.map((issue) => ({
      path: issue.path.map(String).join(".") || "(settings)",
      message: issue.message,
    })),
  };
}

export function defaultCapabilitySettings<C extends Capability>(capability: C): CapabilitySettingsOf<C> {
  return CapabilitySettings[capability].parse({}) as CapabilitySettingsOf<C>;
}
