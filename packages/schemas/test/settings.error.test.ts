import { describe, expect, it } from "vitest";
import { type Capability, parseCapabilitySettings } from "../src/index.ts";

function issues(capability: Capability, input: unknown) {
  const result = parseCapabilitySettings(capability, input);
  expect(result.success, "expected the settings to be refused").toBe(false);
  return result.success ? [] : result.issues;
}

function paths(capability: Capability, input: unknown): string[] {
  return issues(capability, input).map((issue) => issue.path);
}

describe("parseCapabilitySettings refuses, naming the field", () => {
  it("a wrong type or a value out of bounds", () => {
    expect(issues("nfc-session", { numImagesLiveness: 9 })).toEqual([
      { path: "numImagesLiveness", message: expect.stringMatching(/8/) },
    ]);
    expect(paths("nfc-session", { numImagesLiveness: 0 })).toEqual(["numImagesLiveness"]);
    expect(paths("nfc-session", { numImagesLiveness: 1.5 })).toEqual(["numImagesLiveness"]);
    expect(paths("nfc-session", { forceMrzConsent: "yes" })).toEqual(["forceMrzConsent"]);
    expect(paths("ekyc-otp-pennydrop", { otpCodeLength: 3 })).toEqual(["otpCodeLength"]);
    expect(paths("ekyc-otp-pennydrop", { otpCodeLength: 11 })).toEqual(["otpCodeLength"]);
    expect(paths("poa-additional-steps", { sessionLength: 30 })).toEqual(["sessionLength"]);
  });

  it("an http redirect, an unknown or repeated scan", () => {
    expect(issues("nfc-session", { redirectUrl: "http://partner.example/done" })).toEqual([
      { path: "redirectUrl", message: "must be an absolute https URL" },
    ]);
    expect(paths("nfc-session", { sendScan: ["selfie", "passport"] })).toEqual(["sendScan.1"]);
    expect(paths("nfc-session", { sendScan: ["selfie", "selfie"] })).toEqual(["sendScan"]);
  });

  it("unknown keys, each named on its own, including nested ones", () => {
    expect(issues("nfc-session", { webhook: "https://partner.example/hook", colour: "red" })).toEqual([
      { path: "webhook", message: "is not a known setting" },
      { path: "colour", message: "is not a known setting" },
    ]);
    expect(paths("biometric-liveness", { smileId: { callbackUrl: "https://x.example" } })).toEqual([
      "smileId.callbackUrl",
    ]);
  });

  it("something that is not an object at all", () => {
    expect(issues("nfc-session", [1, 2])).toEqual([{ path: "(settings)", message: expect.any(String) }]);
    expect(paths("ekyc-otp-pennydrop", null)).toEqual(["(settings)"]);
  });

  it("an inconclusive matchLevel at or above the accept level", () => {
    expect(
      issues("biometric-liveness", { facetec: { acceptMatchLevel: 4, inconclusiveMatchLevel: 5 } }),
    ).toEqual([
      { path: "facetec.inconclusiveMatchLevel", message: "must be lower than acceptMatchLevel (4)" },
    ]);
    expect(paths("biometric-liveness", { facetec: { inconclusiveMatchLevel: 6 } })).toEqual([
      "facetec.inconclusiveMatchLevel",
    ]);
    expect(paths("biometric-liveness", { facetec: { acceptMatchLevel: 11 } })).toEqual([
      "facetec.acceptMatchLevel",
    ]);
    expect(paths("biometric-liveness", { liveness: { minConfidence: 101 } })).toEqual([
      "liveness.minConfidence",
    ]);
  });

  it("Smile ID history or image links without the job status", () => {
    expect(paths("biometric-liveness", { smileId: { returnHistory: true, returnImageLinks: true } })).toEqual(
      ["smileId.returnHistory", "smileId.returnImageLinks"],
    );
    expect(paths("biometric-liveness", { smileId: { defaultCallbackUrl: "mailto:a@b.c" } })).toEqual([
      "smileId.defaultCallbackUrl",
    ]);
  });

  it("more invalid codes per session than in total, or codes outliving their window", () => {
    expect(
      issues("ekyc-otp-pennydrop", {
        maximumNumberOfInvalidValidates: 2,
        maximumNumberOfInvalidValidatesPerSession: 3,
      }),
    ).toEqual([
      {
        path: "maximumNumberOfInvalidValidatesPerSession",
        message: "must not exceed maximumNumberOfInvalidValidates (2)",
      },
    ]);
    expect(
      paths("ekyc-otp-pennydrop", {
        initiatesDurationInMilliseconds: 60_000,
        passcodeExpiryInMilliseconds: 120_000,
      }),
    ).toEqual(["passcodeExpiryInMilliseconds"]);
  });

  it("iDenfy steps with a bad type, locale, name, fields or capture settings", () => {
    const step = { type: "UPLOAD", texts: { en: { name: "Upload", description: "" } } };
    expect(
      paths("poa-additional-steps", { additionalSteps: { UTILITY_BILL: { ...step, type: "SCAN" } } }),
    ).toEqual(["additionalSteps.UTILITY_BILL.type"]);
    expect(
      paths("poa-additional-steps", {
        additionalSteps: { UTILITY_BILL: { ...step, texts: { xx: step.texts.en } } },
      }),
    ).toEqual(["additionalSteps.UTILITY_BILL.texts.xx"]);
    expect(
      paths("poa-additional-steps", { additionalSteps: { UTILITY_BILL: { ...step, texts: {} } } }),
    ).toEqual(["additionalSteps.UTILITY_BILL.texts"]);
    expect(
      paths("poa-additional-steps", {
        additionalSteps: { UTILITY_BILL: { ...step, texts: { en: { name: "", description: "" } } } },
      }),
    ).toEqual(["additionalSteps.UTILITY_BILL.texts.en.name"]);
    expect(paths("poa-additional-steps", { additionalSteps: { utility_bill: step } })).toEqual([
      "additionalSteps.utility_bill",
    ]);
    expect(paths("poa-additional-steps", { additionalSteps: { ALL: step } })).toEqual([
      "additionalSteps.ALL",
    ]);
    expect(
      issues("poa-additional-steps", { additionalSteps: { POA: { ...step, type: "EXTRACT" } } }),
    ).toEqual([
      {
        path: "additionalSteps.POA.fields",
        message: 'a EXTRACT step must name at least one field (e.g. "address")',
      },
    ]);
    expect(
      paths("poa-additional-steps", {
        additionalSteps: {
          POA: { ...step, settings: { canUpload: false, canCapture: false, canUploadPDF: false } },
        },
      }),
    ).toEqual(["additionalSteps.POA.settings.canCapture"]);
    expect(
      paths("poa-additional-steps", {
        additionalSteps: { POA: { ...step, settings: { canUpload: false, canUploadPDF: true } } },
      }),
    ).toEqual(["additionalSteps.POA.settings.canUploadPDF"]);
  });

  it("iDenfy token defaults out of range or with unknown documents", () => {
    expect(paths("poa-additional-steps", { documents: [] })).toEqual(["documents"]);
    expect(paths("poa-additional-steps", { documents: ["PASSPORT", "VISA"] })).toEqual(["documents.1"]);
    expect(paths("poa-additional-steps", { expiryTime: 2_592_001 })).toEqual(["expiryTime"]);
  });
});
