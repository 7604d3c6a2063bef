import { describe, expect, it } from "vitest";
import {
  ALPHA2_TO_ALPHA3,
  ALPHA3_TO_ALPHA2,
  Base64,
  base64DecodedLength,
  base64Image,
  CAPABILITIES,
  COUNTRY_ALPHA2,
  COUNTRY_ALPHA3,
  CountryAlpha2,
  CountryAlpha3,
  DIALECT_CAPABILITY,
  DIALECTS,
  decodeBase64,
  EventSource,
  encodeBase64,
  HttpsUrl,
  HttpUrl,
  IsoDate,
  IsoDateTime,
  Mode,
  toAlpha2,
  toAlpha3,
} from "../src/index.ts";
import { imageBase64 } from "./image-fixtures.ts";

describe("vocabulary", () => {
  it("matches the shared contract", () => {
    expect(Mode.options).toEqual(["test", "live"]);
    expect(CAPABILITIES).toEqual([
      "nfc-session",
      "biometric-liveness",
      "ekyc-otp-pennydrop",
      "poa-additional-steps",
    ]);
    expect(EventSource.options).toEqual([...CAPABILITIES, "webhook-gateway"]);
    expect(DIALECTS).toEqual(["machinesense", "assure", "smileid", "ndt", "idenfy", "edgekyc"]);
    expect(DIALECT_CAPABILITY).toEqual({
      machinesense: "nfc-session",
      assure: "biometric-liveness",
      smileid: "biometric-liveness",
      ndt: "ekyc-otp-pennydrop",
      idenfy: "poa-additional-steps",
      edgekyc: "webhook-gateway",
    });
  });
});

describe("ISO 3166-1 countries", () => {
  it("holds all 249 assigned codes, each pair converting both ways", () => {
    expect(COUNTRY_ALPHA2).toHaveLength(249);
    expect(new Set(COUNTRY_ALPHA3).size).toBe(249);
    for (const alpha2 of COUNTRY_ALPHA2) {
      const alpha3 = ALPHA2_TO_ALPHA3[alpha2];
      expect(ALPHA3_TO_ALPHA2[alpha3], alpha2).toBe(alpha2);
    }
  });

  it("accepts and converts well-known codes, including recent ones", () => {
    expect(CountryAlpha2.parse("GB")).toBe("GB");
    expect(CountryAlpha3.parse("NGA")).toBe("NGA");
    expect(toAlpha3("GB")).toBe("GBR");
    expect(toAlpha3("KE")).toBe("KEN");
    expect(toAlpha3("SS")).toBe("SSD");
    expect(toAlpha3("BQ")).toBe("BES");
    expect(toAlpha2("DEU")).toBe("DE");
    expect(toAlpha2("LTU")).toBe("LT");
  });
});

describe("dates and URLs", () => {
  it("accepts real calendar dates, leap days included", () => {
    expect(IsoDate.parse("2024-02-29")).toBe("2024-02-29");
    expect(IsoDate.parse("2000-02-29")).toBe("2000-02-29");
    expect(IsoDate.parse("1999-12-31")).toBe("1999-12-31");
  });

  it("accepts date-times with Z or an offset", () => {
    expect(IsoDateTime.parse("2026-11-22T10:15:00Z")).toBe("2026-11-22T10:15:00Z");
    expect(IsoDateTime.parse("2026-11-22T10:15:00.123+01:00")).toBe("2026-11-22T10:15:00.123+01:00");
  });

  it("accepts http(s) URLs for webhooks and only https for user-facing pages", () => {
    expect(HttpUrl.parse("http://localhost:8787/dev/sink/a")).toBe("http://localhost:8787/dev/sink/a");
    expect(HttpsUrl.parse("https://example.org/done?x=1")).toBe("https://example.org/done?x=1");
  });
});

describe("base64", () => {
  it("round-trips bytes and computes the decoded size from the length", () => {
    const bytes = Uint8Array.from({ length: 1000 }, (_, i) => i % 256);
    const base64 = encodeBase64(bytes);
    expect(Base64.parse(base64)).toBe(base64);
    expect(base64DecodedLength(base64)).toBe(1000);
    expect(base64DecodedLength("QQ==")).toBe(1);
    expect(base64DecodedLength("QUI=")).toBe(2);
    expect(decodeBase64(base64)).toEqual(bytes);
  });

  it("accepts JPEG, PNG and WebP, bare or as a matching data URL", () => {
    const image = base64Image({ maxBytes: 1024 });
    for (const format of ["jpeg", "png", "webp"] as const) {
      const bare = imageBase64(format);
      expect(image.safeParse(bare).success, format).toBe(true);
      const dataUrl = `data:image/${format};base64,${bare}`;
      expect(image.parse(dataUrl)).toBe(dataUrl);
    }
  });

  it("accepts an image of exactly maxBytes", () => {
    const image = base64Image({ maxBytes: 100 });
    expect(image.safeParse(imageBase64("png", 100)).success).toBe(true);
    expect(image.safeParse(imageBase64("png", 98)).success).toBe(true);
  });
});
