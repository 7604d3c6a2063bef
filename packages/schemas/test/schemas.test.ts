import { describe, expect, it } from "vitest";
import {
  ALPHA2_TO_ALPHA3,
  base64Image,
  CountryAlpha2,
  CountryAlpha3,
  defaultCapabilitySettings,
  IsoDate,
  parseCapabilitySettings,
  ResultEventEnvelope,
} from "../src/index.ts";

const PNG =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAwS2OUAAAAABJRU5ErkJggg==";

const envelope = {
  specVersion: "1",
  eventId: "sess_123",
  partnerId: "ptn_1",
  mode: "test",
  capability: "nfc-session",
  type: "nfc.session.completed",
  occurredAt: "2026-11-22T12:00:00Z",
  payload: { result: "Ok" },
};

describe("primitives", () => {
  it("knows ISO 3166-1 codes and maps between them", () => {
    expect(CountryAlpha2.parse("GB")).toBe("GB");
    expect(CountryAlpha3.parse("DEU")).toBe("DEU");
    expect(ALPHA2_TO_ALPHA3.get("NZ")).toBe("NZL");
    expect(CountryAlpha2.safeParse("UK").error?.issues[0]?.message).toContain("alpha-2");
    expect(CountryAlpha3.safeParse("D").success).toBe(false);
  });

  it("accepts only real calendar dates", () => {
    expect(IsoDate.parse("2024-02-29")).toBe("2024-02-29");
    expect(IsoDate.safeParse("2026-02-30").success).toBe(false);
    expect(IsoDate.safeParse("2026-2-3").success).toBe(false);
  });

  it("checks base64 images by size before decoding and by magic bytes", () => {
    expect(base64Image({ maxBytes: 1000 }).safeParse(PNG).success).toBe(true);
    expect(base64Image({ maxBytes: 1000 }).safeParse(`data:image/png;base64,${PNG}`).success).toBe(true);
    expect(base64Image({ maxBytes: 10 }).safeParse(PNG).error?.issues[0]?.message).toContain(
      "at most 10 bytes",
    );
    expect(
      base64Image({ maxBytes: 1000 }).safeParse(btoa("GIF89a-not-allowed")).error?.issues[0]?.message,
    ).toContain("JPEG, PNG or WebP");
    expect(base64Image({ maxBytes: 1000 }).safeParse(`data:image/jpeg;base64,${PNG}`).success).toBe(false);
    expect(base64Image({ maxBytes: 1000 }).safeParse("not base64!").success).toBe(false);
  });
});

describe("the result-event envelope", () => {
  it("accepts a valid event and defaults signatures", () => {
    expect(ResultEventEnvelope.parse(envelope).signatures).toEqual([]);
  });

  it.each([
    [{ ...envelope, payloadRef: { r2Key: "k", sha256: "0".repeat(64) } }, "payload", "exactly one"],
    [{ ...envelope, payload: undefined }, "payload", "exactly one"],
    [{ ...envelope, extra: 1 }, "", "Unrecognized key"],
    [{ ...envelope, type: "Completed" }, "type", "dotted"],
    [{ ...envelope, occurredAt: "yesterday" }, "occurredAt", "date-time"],
    [{ ...envelope, webhookUrl: "ftp://x" }, "webhookUrl", "http"],
    [{ ...envelope, payload: "text" }, "payload", "object or array"],
  ])("refuses %j naming %s", (input, path, message) => {
    const issue = ResultEventEnvelope.safeParse(input).error?.issues[0];
    expect(issue?.path.join(".")).toBe(path);
    expect(issue?.message).toContain(message);
  });
});

describe("partner settings", () => {
  it("has defaults for every capability", () => {
    expect(defaultCapabilitySettings("ekyc-otp-pennydrop").otpCodeLength).toBe(6);
    expect(defaultCapabilitySettings("biometric-liveness").acceptMatchLevel).toBe(6);
    expect(Object.keys(defaultCapabilitySettings("poa-additional-steps").additionalSteps)).toEqual([
      "UTILITY_BILL",
    ]);
  });

  it("names the wrong field", () => {
    expect(parseCapabilitySettings("ekyc-otp-pennydrop", { otpCodeLength: 3 })).toMatchObject({
      success: false,
      issues: [{ path: "otpCodeLength" }],
    });
    expect(
      parseCapabilitySettings("biometric-liveness", { acceptMatchLevel: 4, inconclusiveMatchLevel: 5 }),
    ).toMatchObject({
      success: false,
      issues: [{ path: "inconclusiveMatchLevel", message: "must be lower than acceptMatchLevel" }],
    });
    expect(
      parseCapabilitySettings("poa-additional-steps", {
        additionalSteps: {
          UTILITY_BILL: { type: "SCAN", texts: { en: { name: "x", description: "" } }, settings: {} },
        },
      }),
    ).toMatchObject({ success: false, issues: [{ path: "additionalSteps.UTILITY_BILL.type" }] });
    expect(parseCapabilitySettings("nfc-session", { unknownSetting: true })).toMatchObject({
      success: false,
    });
  });
});
