import { z } from "zod";
import { type Capability, HttpsUrl, HttpUrl } from "./primitives.ts";

// Partner settings, one strict object per capability. Every field has a default, so `{}` is a complete
// configuration and a partner only stores what differs. Webhook destinations are not settings: they are
// webhook endpoints (webhook-gateway), so a partner has one place to manage URLs and secrets.

function unique<T>(list: readonly T[]): boolean {
  return new Set(list).size === list.length;
}

// ---------------------------------------------------------------------------------------------------------
// nfc-session (MachineSense NFC KYC)
// ---------------------------------------------------------------------------------------------------------

/** Images MachineSense can add to the webhook (`send_scan`). */
export const MACHINESENSE_SCANS = ["selfie", "docface"] as const;

/** Account-level defaults that a `session_init` call's `send_scan` and `options` override per session. */
export const NfcSessionSettings = z.strictObject({
  /** Page the reader app opens once the partner confirmed the webhook (`redirect_URL`); null = message. */
  redirectUrl: HttpsUrl.nullable().default(null),
  /** Scans added to the webhook as base64 (`send_scan`); [] = none. */
  sendScan: z
    .array(z.enum(MACHINESENSE_SCANS))
    .refine(unique, "must not repeat a scan")
    .default(() => []),
  /** Images taken in the background for liveness (`num_images_liveness`). */
  numImagesLiveness: z.number().int().min(1).max(8).default(1),
  /** Let the user type the consent data when MRZ scanning fails, instead of rescanning (`force_mrz_consent`). */
  forceMrzConsent: z.boolean().default(false),
  /** How long a 4-character init code can be entered in the app; short, because the code is short. */
  initCodeTtlSeconds: z.number().int().min(60).max(3600).default(600),
  /** How long the app waits for `webhook_confirmation` before showing the error message. */
  webhookConfirmationTimeoutSeconds: z.number().int().min(10).max(3600).default(300),
  /**
   * Which engine compares the chip portrait with the selfie and scores the liveness frames: the embedded
   * engine (apps/face-engine), or Smile ID (the platform's Smile ID account; test keys use a local sandbox).
   * FaceTec is not offered: it needs FaceScans from its device SDK, and the reader app sends plain images.
   */
  faceEngine: z.enum(["embedded", "smileid"]).default("embedded"),
});
export type NfcSessionSettings = z.output<typeof NfcSessionSettings>;

// ---------------------------------------------------------------------------------------------------------
// biometric-liveness (Signicat Assure with FaceTec, and Smile ID Biometric KYC)
// ---------------------------------------------------------------------------------------------------------

/**
 * How a FaceTec-style matchLevel (0-10) becomes an Assure process status. Assure's own mapping:
 * accepted at matchLevel >= 6 (1/100,000 FAR), inconclusive from 1 (1/100 FAR) to 5 (1/10,000 FAR),
 * rejected below that or when a liveness check fails.
 */
export const FaceMatchLevels = z
  .strictObject({
    /** matchLevel at or above which a process with passed liveness is `accepted`. */
    acceptMatchLevel: z.number().int().min(1).max(10).default(6),
    /** matchLevel from which (up to acceptMatchLevel - 1) a process is `inconclusive` instead of `rejected`. */
    inconclusiveMatchLevel: z.number().int().min(1).max(10).default(1),
    /** FaceTec SDK keys handed to the app in the create-process answer (the partner's FaceTec licence). */
    deviceKeyIdentifier: z.string().max(200).default(""),
    encryptionPublicKey: z.string().max(4000).default(""),
    productionKeyText: z.string().max(8000).default(""),
    /**
     * The partner's own FaceTec Server (FaceTec licenses it to the partner, who runs it), used when
     * `faceEngine` is "facetec" with live keys; test keys use a local sandbox FaceTec Server.
     */
    serverUrl: HttpsUrl.nullable().default(null),
  })
  .check((ctx) => {
    const { acceptMatchLevel, inconclusiveMatchLevel } = ctx.value;
    if (ctx.issues.length === 0 && inconclusiveMatchLevel >= acceptMatchLevel) {
      ctx.issues.push({
        code: "custom",
        input: ctx.value,
        path: ["inconclusiveMatchLevel"],
        message: `must be lower than acceptMatchLevel (${acceptMatchLevel})`,
      });
    }
  });

/** Smile ID Web API options: the WebApi class's `default_callback`, and defaults for a job's `options`. */
export const SmileIdSettings = z
  .strictObject({
    /**
     * Callback for jobs that name no `callback_url` (the SDK's `default_callback`); null = the partner's
     * webhook endpoint for biometric-liveness.
     */
    defaultCallbackUrl: HttpUrl.nullable().default(null),
    /** Answer a job submission with the (machine) result in sync, besides the callback. */
    returnJobStatus: z.boolean().default(false),
    /** Include the user's earlier jobs in a sync result; needs returnJobStatus. */
    returnHistory: z.boolean().default(false),
    /** Include links to the uploaded selfie and liveness images in a sync result; needs returnJobStatus. */
    returnImageLinks: z.boolean().default(false),
  })
  .check((ctx) => {
    if (ctx.issues.length > 0 || ctx.value.returnJobStatus) return;
    for (const flag of ["returnHistory", "returnImageLinks"] as const) {
      if (ctx.value[flag]) {
        ctx.issues.push({
          code: "custom",
          input: ctx.value,
          path: [flag],
          message: "requires returnJobStatus to be true (Smile ID only returns it with the job status)",
        });
      }
    }
  });

export const BiometricLivenessSettings = z.strictObject({
  /**
   * Which engine verifies faces: the embedded engine (apps/face-engine; no third party sees the images),
   * the partner's FaceTec Server (needs FaceScans from FaceTec's device SDK), or Smile ID.
   */
  faceEngine: z.enum(["embedded", "facetec", "smileid"]).default("embedded"),
  /** FaceTec: the SDK keys handed to the app, the match levels, the partner's FaceTec Server. */
  facetec: FaceMatchLevels.prefault({}),
  liveness: z
    .strictObject({
      /**
       * Liveness confidence (0-100, the scale of MachineSense `liveness_confidence` and Smile ID
       * `ConfidenceValue`) at or above which the engine's liveness check passes.
       */
      minConfidence: z.number().min(0).max(100).default(50),
    })
    .prefault({}),
  smileId: SmileIdSettings.prefault({}),
});
export type BiometricLivenessSettings = z.output<typeof BiometricLivenessSettings>;

// ---------------------------------------------------------------------------------------------------------
// ekyc-otp-pennydrop (NDT eKYC 2.0): the keys of NDT's "Customise eKYC" table, same names and units
// ---------------------------------------------------------------------------------------------------------

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

export const EkycOtpPennydropSettings = z
  .strictObject({
    /** Codes (OTP or penny drop) that can be generated in each initiatesDurationInMilliseconds window. */
    maximumNumberOfInitiatesPerDuration: z.number().int().min(1).max(100).default(3),
    /** The window for maximumNumberOfInitiatesPerDuration. */
    initiatesDurationInMilliseconds: z
      .number()
      .int()
      .min(MINUTE_MS)
      .max(7 * DAY_MS)
      .default(60 * MINUTE_MS),
    /** How long a code is valid from when it was created (penny drop codes need time to reach the bank). */
    passcodeExpiryInMilliseconds: z
      .number()
      .int()
      .min(MINUTE_MS)
      .max(DAY_MS)
      .default(10 * MINUTE_MS),
    /** Invalid codes allowed across the application before it is `failed`. */
    maximumNumberOfInvalidValidates: z.number().int().min(1).max(100).default(5),
    /** Invalid codes allowed for one code (authId) before it is `failed`. */
    maximumNumberOfInvalidValidatesPerSession: z.number().int().min(1).max(100).default(3),
    /** Attempts with an expired code allowed before the application is `failed`. */
    maximumNumberOfExpiredValidates: z.number().int().min(0).max(100).default(3),
    /** Digits in a generated OTP. */
    otpCodeLength: z.number().int().min(4).max(10).default(6),
    /** Lock the application once maximumNumberOfInitiatesPerDuration is reached (`noMoreCodes`). */
    tempLockEnabledOnInitiateApplication: z.boolean().default(true),
    /** How long that lock lasts. */
    tempLockDurationOnInitiateApplicationInSeconds: z.number().int().min(60).max(86_400).default(900),
  })
  .check((ctx) => {
    const value = ctx.value;
    if (ctx.issues.length > 0) return;
    if (value.maximumNumberOfInvalidValidatesPerSession > value.maximumNumberOfInvalidValidates) {
      ctx.issues.push({
        code: "custom",
        input: value,
        path: ["maximumNumberOfInvalidValidatesPerSession"],
        message: `must not exceed maximumNumberOfInvalidValidates (${value.maximumNumberOfInvalidValidates})`,
      });
    }
    if (value.passcodeExpiryInMilliseconds > value.initiatesDurationInMilliseconds) {
      ctx.issues.push({
        code: "custom",
        input: value,
        path: ["passcodeExpiryInMilliseconds"],
        message: `must not exceed initiatesDurationInMilliseconds (${value.initiatesDurationInMilliseconds})`,
      });
    }
  });
export type EkycOtpPennydropSettings = z.output<typeof EkycOtpPennydropSettings>;

// ---------------------------------------------------------------------------------------------------------
// poa-additional-steps (iDenfy additional steps)
// ---------------------------------------------------------------------------------------------------------

/** Locales iDenfy supports for a step's `texts`. */
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
export const IdenfyLocale = z.enum(IDENFY_LOCALES);
export type IdenfyLocale = z.infer<typeof IdenfyLocale>;

/** Document types iDenfy accepts in a token's `documents` and as an additional step's document scope. */
export const IDENFY_DOCUMENT_TYPES = [
  "ID_CARD",
  "PASSPORT",
  "RESIDENCE_PERMIT",
  "DRIVER_LICENSE",
  "PAN_CARD",
  "AADHAAR",
  "OTHER",
] as const;
export const IdenfyDocumentType = z.enum(IDENFY_DOCUMENT_TYPES);
export type IdenfyDocumentType = z.infer<typeof IdenfyDocumentType>;

/** The `documents` a token gets when the request names none, as in iDenfy's token response. */
export const IDENFY_DEFAULT_DOCUMENTS = [
  "ID_CARD",
  "PASSPORT",
  "DRIVER_LICENSE",
  "RESIDENCE_PERMIT",
] as const;

/**
 * UPLOAD: the file is only stored. COMPARE: a reviewer compares the file with `additionalData` (MATCH,
 * NOT_MATCH, NOT_FOUND, NO_DATA). EXTRACT: a reviewer types the named fields in from the file.
 */
export const AdditionalStepType = z.enum(["UPLOAD", "COMPARE", "EXTRACT"]);
export type AdditionalStepType = z.infer<typeof AdditionalStepType>;

export const AdditionalStepText = z.strictObject({
  name: z.string().trim().min(1).max(200),
  description: z.string().trim().max(2000),
});

export const AdditionalStepCaptureSettings = z
  .strictObject({
    /** The user may upload a photo from the device. */
    canUpload: z.boolean().default(true),
    /** The user may take a photo in the verification window. */
    canCapture: z.boolean().default(true),
    /** The user may upload a PDF; needs canUpload. */
    canUploadPDF: z.boolean().default(true),
  })
  .check((ctx) => {
    const value = ctx.value;
    if (ctx.issues.length > 0) return;
    if (!value.canUpload && !value.canCapture) {
      ctx.issues.push({
        code: "custom",
        input: value,
        path: ["canCapture"],
        message: "canUpload or canCapture must be true, or the user has no way to provide the file",
      });
    }
    if (value.canUploadPDF && !value.canUpload) {
      ctx.issues.push({
        code: "custom",
        input: value,
        path: ["canUploadPDF"],
        message: "requires canUpload to be true",
      });
    }
  });

export const AdditionalStep = z
  .strictObject({
    type: AdditionalStepType,
    /** Title and instructions shown to the user, per locale. */
    texts: z.partialRecord(IdenfyLocale, AdditionalStepText).check((ctx) => {
      // An unknown locale is reported on its own; it must not also read as "no locale at all".
      if (ctx.issues.length === 0 && Object.keys(ctx.value).length === 0) {
        ctx.issues.push({
          code: "custom",
          input: ctx.value,
          message: "must have a text for at least one locale",
        });
      }
    }),
    /** Names of the `additionalData` fields compared or extracted (e.g. "address"). */
    fields: z
      .array(z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, "must be a field name like address"))
      .max(20)
      .refine(unique, "must not repeat a field")
      .default(() => []),
    settings: AdditionalStepCaptureSettings.prefault({}),
  })
  .check((ctx) => {
    const { type, fields } = ctx.value;
    if (ctx.issues.length === 0 && type !== "UPLOAD" && fields.length === 0) {
      ctx.issues.push({
        code: "custom",
        input: ctx.value,
        path: ["fields"],
        message: `a ${type} step must name at least one field (e.g. "address")`,
      });
    }
  });
export type AdditionalStep = z.output<typeof AdditionalStep>;

/** The default step's English text, as iDenfy's default UTILITY_BILL step has it. */
export const UTILITY_BILL_TEXT_EN = {
  name: "Please upload a proof of address document",
  description:
    "Please make sure that the proof of address document is fully visible and is not older than 3 months. All information must be clearly visible including your full name, address, date of the document, and the document must be a legitimate utility bill or a bank statement, as handwritten papers are not accepted. Also, the utility bill must be in Latin alphabet. ID documents are not accepted as valid proof of address.",
} as const;

/** Step names are iDenfy's UPPER_SNAKE_CASE; ALL is reserved for its country and document scopes. */
export const AdditionalStepName = z
  .string()
  .regex(/^[A-Z][A-Z0-9_]{0,63}$/, "must be an UPPER_SNAKE_CASE step name, e.g. UTILITY_BILL")
  .refine((name) => name !== "ALL", "ALL is reserved for country and document scopes");

/** The documents a user can pick in the UTILITY_BILL selection step (iDenfy's "Allowed POA Documents"). */
export const POA_DOCUMENT_TYPES = [
  "BANK_STATEMENT",
  "ELECTRICITY_BILL",
  "WATER_BILL",
  "CREDIT_CARD_STATEMENT",
  "GAS_BILL",
  "TELEPHONE_BILL",
  "BANK_REFERENCE_LETTER",
  "INTERNET_BILL",
  "MORTGAGE_STATEMENT",
  "COMPANY_PAYSLIP",
  "INSURANCE_POLICY",
  "MUNICIPALITY_OR_TAX_LETTER",
  "DRIVER_LICENSE",
  "RESIDENCE_PERMIT",
  "EDUCATIONAL_INSTITUTION_LETTER",
  "LEASE_AGREEMENT",
  "EMPLOYMENT_LETTER",
  "CHANGE_OF_ADDRESS_FORM",
  "CAR_REGISTRATION",
  "OTHER",
  "PUBLIC_AUTHORITY_LETTER",
] as const;
export const PoaDocumentType = z.enum(POA_DOCUMENT_TYPES);
export type PoaDocumentType = z.infer<typeof PoaDocumentType>;

/** Environment-level steps and token defaults, applied when a token request does not override them. */
export const PoaAdditionalStepsSettings = z.strictObject({
  /**
   * Step name → step, applied to every country and document (iDenfy's `ALL` → `ALL` scope). `{}` means no
   * additional steps unless a token request adds some.
   */
  additionalSteps: z
    .record(AdditionalStepName, AdditionalStep)
    .refine((steps) => Object.keys(steps).length <= 10, "must have at most 10 steps")
    .prefault(() => ({ UTILITY_BILL: { type: "UPLOAD" as const, texts: { en: UTILITY_BILL_TEXT_EN } } })),
  /** Seconds a token can be used to start a verification (iDenfy `expiryTime`; at most 30 days). */
  expiryTime: z.number().int().min(60).max(2_592_000).default(3600),
  /** Seconds a started verification session lasts (iDenfy `sessionLength`). */
  sessionLength: z.number().int().min(60).max(3600).default(600),
  /** Documents a token accepts when the request names none (iDenfy `documents`). */
  documents: z
    .array(IdenfyDocumentType)
    .min(1)
    .refine(unique, "must not repeat a document type")
    .default(() => [...IDENFY_DEFAULT_DOCUMENTS]),
  /** Document types offered in the UTILITY_BILL selection step, in this order. */
  poaDocuments: z
    .array(PoaDocumentType)
    .min(1)
    .refine(unique, "must not repeat a document type")
    .default(() => [...POA_DOCUMENT_TYPES]),
  /** Days a verification (records and files) is kept after it was created; then it is erased. */
  retentionDays: z.number().int().min(1).max(3650).default(90),
});
export type PoaAdditionalStepsSettings = z.output<typeof PoaAdditionalStepsSettings>;

// ---------------------------------------------------------------------------------------------------------
// Per capability
// ---------------------------------------------------------------------------------------------------------

export const CapabilitySettings = {
  "nfc-session": NfcSessionSettings,
  "biometric-liveness": BiometricLivenessSettings,
  "ekyc-otp-pennydrop": EkycOtpPennydropSettings,
  "poa-additional-steps": PoaAdditionalStepsSettings,
} as const satisfies Record<Capability, z.ZodType>;

export type CapabilitySettingsOf<C extends Capability> = z.output<(typeof CapabilitySettings)[C]>;
export type CapabilitySettingsInput<C extends Capability> = z.input<(typeof CapabilitySettings)[C]>;

/** One wrong setting: its dotted path (e.g. `additionalSteps.UTILITY_BILL.fields`) and what is wrong. */
export type SettingsIssue = { path: string; message: string };

export type ParseSettingsResult<C extends Capability> =
  | { success: true; data: CapabilitySettingsOf<C> }
  | { success: false; issues: SettingsIssue[] };

const ROOT_PATH = "(settings)";

function toSettingsIssues(error: z.ZodError): SettingsIssue[] {
  return error.issues.flatMap((issue): SettingsIssue[] => {
    const path = issue.path.map(String);
    // Name each unknown key as its own field rather than blaming the object that holds it.
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({ path: [...path, key].join("."), message: "is not a known setting" }));
    }
    return [{ path: path.join(".") || ROOT_PATH, message: issue.message }];
  });
}

/** Validates a partner's settings for one capability, filling defaults for whatever is left out. */
export function parseCapabilitySettings<C extends Capability>(
  capability: C,
  input: unknown,
): ParseSettingsResult<C> {
  const result = CapabilitySettings[capability].safeParse(input);
  if (result.success) return { success: true, data: result.data as CapabilitySettingsOf<C> };
  return { success: false, issues: toSettingsIssues(result.error) };
}

/** The settings a partner has before changing anything (a fresh object on every call). */
export function defaultCapabilitySettings<C extends Capability>(capability: C): CapabilitySettingsOf<C> {
  return CapabilitySettings[capability].parse({}) as CapabilitySettingsOf<C>;
}
