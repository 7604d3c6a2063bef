import { describe, expect, it } from "vitest";
import {
  CAPABILITIES,
  CapabilitySettings,
  defaultCapabilitySettings,
  IDENFY_LOCALES,
  POA_DOCUMENT_TYPES,
  parseCapabilitySettings,
  UTILITY_BILL_TEXT_EN,
} from "../src/index.ts";

describe("defaultCapabilitySettings", () => {
  it("has a complete, valid default for every capability", () => {
    for (const capability of CAPABILITIES) {
      const defaults = defaultCapabilitySettings(capability);
      expect(parseCapabilitySettings(capability, defaults), capability).toEqual({
        success: true,
        data: defaults,
      });
      expect(Object.keys(defaults).sort(), capability).toEqual(
        Object.keys(CapabilitySettings[capability].shape).sort(),
      );
    }
  });

  it("nfc-session: no scans, one liveness image, no forced consent, no redirect", () => {
    expect(defaultCapabilitySettings("nfc-session")).toEqual({
      redirectUrl: null,
      sendScan: [],
      numImagesLiveness: 1,
      forceMrzConsent: false,
      initCodeTtlSeconds: 600,
      webhookConfirmationTimeoutSeconds: 300,
      faceEngine: "embedded",
    });
  });

  it("biometric-liveness: Assure's matchLevel mapping and Smile ID's option defaults", () => {
    expect(defaultCapabilitySettings("biometric-liveness")).toEqual({
      faceEngine: "embedded",
      facetec: {
        acceptMatchLevel: 6,
        inconclusiveMatchLevel: 1,
        deviceKeyIdentifier: "",
        encryptionPublicKey: "",
        productionKeyText: "",
        serverUrl: null,
      },
      liveness: { minConfidence: 50 },
      smileId: {
        defaultCallbackUrl: null,
        returnJobStatus: false,
        returnHistory: false,
        returnImageLinks: false,
      },
    });
  });

  it("ekyc-otp-pennydrop: every NDT configuration key", () => {
    expect(defaultCapabilitySettings("ekyc-otp-pennydrop")).toEqual({
      maximumNumberOfInitiatesPerDuration: 3,
      initiatesDurationInMilliseconds: 3_600_000,
      passcodeExpiryInMilliseconds: 600_000,
      maximumNumberOfInvalidValidates: 5,
      maximumNumberOfInvalidValidatesPerSession: 3,
      maximumNumberOfExpiredValidates: 3,
      otpCodeLength: 6,
      tempLockEnabledOnInitiateApplication: true,
      tempLockDurationOnInitiateApplicationInSeconds: 900,
    });
  });

  it("poa-additional-steps: iDenfy's default UTILITY_BILL upload step and token defaults", () => {
    expect(defaultCapabilitySettings("poa-additional-steps")).toEqual({
      additionalSteps: {
        UTILITY_BILL: {
          type: "UPLOAD",
          texts: { en: UTILITY_BILL_TEXT_EN },
          fields: [],
          settings: { canUpload: true, canCapture: true, canUploadPDF: true },
        },
      },
      expiryTime: 3600,
      sessionLength: 600,
      documents: ["ID_CARD", "PASSPORT", "DRIVER_LICENSE", "RESIDENCE_PERMIT"],
      poaDocuments: [...POA_DOCUMENT_TYPES],
      retentionDays: 90,
    });
    expect(IDENFY_LOCALES).toHaveLength(24);
    expect(POA_DOCUMENT_TYPES).toHaveLength(21);
  });

  it("returns a fresh object each time, so a caller cannot change another's defaults", () => {
    const first = defaultCapabilitySettings("poa-additional-steps");
    first.documents.push("OTHER");
    first.additionalSteps.UTILITY_BILL?.fields.push("address");
    const second = defaultCapabilitySettings("poa-additional-steps");
    expect(second.documents).toHaveLength(4);
    expect(second.additionalSteps.UTILITY_BILL?.fields).toEqual([]);
  });
});

describe("parseCapabilitySettings", () => {
  it("fills defaults around what a partner sets", () => {
    const result = parseCapabilitySettings("nfc-session", {
      redirectUrl: "https://partner.example/kyc/done",
      sendScan: ["selfie", "docface"],
      numImagesLiveness: 8,
    });
    expect(result).toEqual({
      success: true,
      data: {
        redirectUrl: "https://partner.example/kyc/done",
        sendScan: ["selfie", "docface"],
        numImagesLiveness: 8,
        forceMrzConsent: false,
        initCodeTtlSeconds: 600,
        webhookConfirmationTimeoutSeconds: 300,
        faceEngine: "embedded",
      },
    });
  });

  it("fills nested defaults for a partial group", () => {
    const result = parseCapabilitySettings("biometric-liveness", {
      facetec: { acceptMatchLevel: 8 },
      smileId: { returnJobStatus: true, returnImageLinks: true },
    });
    expect(result.success).toBe(true);
    if (!result.success) return;
    expect(result.data.facetec).toMatchObject({ acceptMatchLevel: 8, inconclusiveMatchLevel: 1 });
    expect(result.data.smileId).toMatchObject({ returnJobStatus: true, returnImageLinks: true });
    expect(result.data.liveness.minConfidence).toBe(50);
  });

  it("accepts custom iDenfy steps: COMPARE with fields, several locales, no steps at all", () => {
    const compare = parseCapabilitySettings("poa-additional-steps", {
      additionalSteps: {
        UTILITY_BILL: {
          type: "COMPARE",
          texts: {
            en: UTILITY_BILL_TEXT_EN,
            de: { name: "Adressnachweis", description: "Bitte hochladen." },
          },
          fields: ["address"],
          settings: { canUpload: false, canCapture: true, canUploadPDF: false },
        },
        ADDITIONAL_DOCUMENT: { type: "UPLOAD", texts: { lt: { name: "Dokumentas", description: "" } } },
      },
      documents: ["PASSPORT", "AADHAAR"],
      expiryTime: 2_592_000,
      sessionLength: 3600,
    });
    expect(compare.success, JSON.stringify(compare)).toBe(true);
    if (!compare.success) return;
    expect(compare.data.additionalSteps.ADDITIONAL_DOCUMENT).toEqual({
      type: "UPLOAD",
      texts: { lt: { name: "Dokumentas", description: "" } },
      fields: [],
      settings: { canUpload: true, canCapture: true, canUploadPDF: true },
    });
    const none = parseCapabilitySettings("poa-additional-steps", { additionalSteps: {} });
    expect(none.success && none.data.additionalSteps).toEqual({});
  });

  it("accepts NDT bounds at their edges", () => {
    const result = parseCapabilitySettings("ekyc-otp-pennydrop", {
      otpCodeLength: 10,
      maximumNumberOfInvalidValidates: 3,
      maximumNumberOfInvalidValidatesPerSession: 3,
      maximumNumberOfExpiredValidates: 0,
      tempLockEnabledOnInitiateApplication: false,
    });
    expect(result.success, JSON.stringify(result)).toBe(true);
    expect(parseCapabilitySettings("ekyc-otp-pennydrop", { otpCodeLength: 4 }).success).toBe(true);
  });
});
