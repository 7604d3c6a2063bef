import { describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  Base64,
  base64Image,
  CountryAlpha2,
  CountryAlpha3,
  HttpsUrl,
  HttpUrl,
  IsoDate,
  IsoDateTime,
  toAlpha2,
  toAlpha3,
} from "../src/index.ts";
import { imageBase64 } from "./image-fixtures.ts";

function messages(schema: z.ZodType, value: unknown): string[] {
  const result = schema.safeParse(value);
  expect(result.success, `expected ${JSON.stringify(value).slice(0, 60)} to be refused`).toBe(false);
  return result.error?.issues.map((issue) => issue.message) ?? [];
}

describe("countries", () => {
  it("refuses unassigned, reserved, lower-case and wrong-length codes", () => {
    for (const code of ["UK", "XK", "EU", "ZZ", "gb", "GBR", ""]) {
      expect(messages(CountryAlpha2, code)).toEqual([
        "must be an ISO 3166-1 alpha-2 country code in upper case, e.g. GB",
      ]);
    }
    for (const code of ["UKM", "XKX", "gbr", "GB", "D<<"]) {
      expect(messages(CountryAlpha3, code)[0]).toMatch(/alpha-3/);
    }
    expect(toAlpha3("UK")).toBeUndefined();
    expect(toAlpha3("constructor")).toBeUndefined();
    expect(toAlpha2("XXX")).toBeUndefined();
  });
});

describe("dates", () => {
  it("refuses dates that do not exist or are not YYYY-MM-DD", () => {
    for (const value of ["2026-02-30", "2023-02-29", "1900-02-29", "2026-04-31", "2026-13-01", "2026-1-5"]) {
      expect(messages(IsoDate, value)).toEqual(["must be a real calendar date in the form YYYY-MM-DD"]);
    }
    expect(messages(IsoDate, "22/11/2026")).toHaveLength(1);
  });

  it("refuses date-times without a zone or on an impossible day", () => {
    for (const value of ["2026-11-22T10:15:00", "2026-02-30T10:15:00Z", "2026-11-22", "yesterday"]) {
      expect(messages(IsoDateTime, value)[0]).toMatch(/ISO 8601 date-time/);
    }
  });
});

describe("URLs", () => {
  it("refuses other schemes, relative URLs and URLs over 2048 characters", () => {
    expect(messages(HttpUrl, "ftp://example.org/x")).toEqual(["must be an absolute http(s) URL"]);
    expect(messages(HttpUrl, "/relative")).toEqual(["must be an absolute http(s) URL"]);
    expect(messages(HttpUrl, "javascript:alert(1)")).toEqual(["must be an absolute http(s) URL"]);
    expect(messages(HttpsUrl, "http://example.org/x")).toEqual(["must be an absolute https URL"]);
    expect(messages(HttpUrl, `https://example.org/${"a".repeat(2048)}`)).toEqual([
      "must be at most 2048 characters",
    ]);
  });
});

describe("base64 images", () => {
  const image = base64Image({ maxBytes: 1024 });

  it("refuses an oversized image by its length alone", () => {
    // Not even valid base64: the size check comes first, so nothing is scanned or decoded.
    expect(messages(image, "!".repeat(4 * 342))).toEqual(["image must be at most 1024 bytes once decoded"]);
    expect(messages(image, imageBase64("jpeg", 1025))).toEqual([
      "image must be at most 1024 bytes once decoded",
    ]);
    expect(messages(image, `data:image/png;base64,${imageBase64("png", 4096)}`)).toEqual([
      "image must be at most 1024 bytes once decoded",
    ]);
  });

  it("refuses characters outside the base64 alphabet and bad padding", () => {
    const valid = imageBase64("jpeg");
    const expected = ["image must be standard base64 (A-Z a-z 0-9 + /, padded with =)"];
    expect(messages(image, `${valid.slice(0, 8)}-_${valid.slice(10)}`)).toEqual(expected);
    expect(messages(image, `${valid.slice(0, 8)}\n${valid.slice(8)}`)).toEqual(expected);
    expect(messages(image, valid.slice(0, -1))).toEqual(expected);
    expect(messages(image, `${valid}=`)).toEqual(expected);
    expect(messages(Base64, "abc")).toHaveLength(1);
  });

  it("refuses formats other than JPEG, PNG and WebP by their magic bytes", () => {
    expect(messages(image, imageBase64("gif"))).toEqual(["image must be a JPEG, PNG or WebP"]);
    expect(messages(image, btoa("%PDF-1.7 not an image at all"))).toEqual([
      "image must be a JPEG, PNG or WebP",
    ]);
    expect(messages(image, btoa("RIFF\0\0\0\0WAVEfmt "))).toEqual(["image must be a JPEG, PNG or WebP"]);
  });

  it("refuses a data URL whose declared type is not the image's, or is not an allowed image type", () => {
    expect(messages(image, `data:image/png;base64,${imageBase64("jpeg")}`)).toEqual([
      "data URL declares image/png but the image is image/jpeg",
    ]);
    expect(messages(image, `data:image/gif;base64,${imageBase64("gif")}`)[0]).toMatch(/data URL must be/);
    expect(messages(image, `data:image/jpeg,${imageBase64("jpeg")}`)[0]).toMatch(/data URL must be/);
    expect(messages(image, "")).toEqual(["image must not be empty"]);
    expect(messages(image, "data:image/jpeg;base64,")).toEqual(["image must not be empty"]);
    expect(messages(image, 42)).toHaveLength(1);
  });
});
