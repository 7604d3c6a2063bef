import { z } from "zod";
import { ISO_3166_1 } from "./iso-3166.ts";

// ---------------------------------------------------------------------------------------------------------
// Platform vocabulary
// ---------------------------------------------------------------------------------------------------------

export const MODES = ["test", "live"] as const;
/** A key's mode: `test` routes every external effect to its sandbox, `live` to the real provider. */
export const Mode = z.enum(MODES);
export type Mode = z.infer<typeof Mode>;

export const CAPABILITIES = [
  "nfc-session",
  "biometric-liveness",
  "ekyc-otp-pennydrop",
  "poa-additional-steps",
] as const;
export const Capability = z.enum(CAPABILITIES);
export type Capability = z.infer<typeof Capability>;

export const EVENT_SOURCES = [...CAPABILITIES, "webhook-gateway"] as const;
/** Who produced a result event: a capability, or the gateway itself (test events). */
export const EventSource = z.enum(EVENT_SOURCES);
export type EventSource = z.infer<typeof EventSource>;

/** Wire dialects. `edgekyc` is the platform's own API (admin, partner webhooks API, RFC 9457 errors). */
export const DIALECTS = ["machinesense", "assure", "smileid", "ndt", "idenfy", "edgekyc"] as const;
export const Dialect = z.enum(DIALECTS);
export type Dialect = z.infer<typeof Dialect>;

/** Which capability (or the gateway) speaks each dialect. */
export const DIALECT_CAPABILITY = {
  machinesense: "nfc-session",
  assure: "biometric-liveness",
  smileid: "biometric-liveness",
  ndt: "ekyc-otp-pennydrop",
  idenfy: "poa-additional-steps",
  edgekyc: "webhook-gateway",
} as const satisfies Record<Dialect, EventSource>;

// ---------------------------------------------------------------------------------------------------------
// ISO 3166-1 countries
// ---------------------------------------------------------------------------------------------------------

export const COUNTRY_ALPHA2 = ISO_3166_1.map(([alpha2]) => alpha2);
export const COUNTRY_ALPHA3 = ISO_3166_1.map(([, alpha3]) => alpha3);

/** An officially assigned ISO 3166-1 alpha-2 code, upper case (e.g. `GB`). */
export const CountryAlpha2 = z.enum(COUNTRY_ALPHA2, {
  error: "must be an ISO 3166-1 alpha-2 country code in upper case, e.g. GB",
});
export type CountryAlpha2 = z.infer<typeof CountryAlpha2>;

/** An officially assigned ISO 3166-1 alpha-3 code, upper case (e.g. `GBR`), as in ICAO 9303 MRZs. */
export const CountryAlpha3 = z.enum(COUNTRY_ALPHA3, {
  error: "must be an ISO 3166-1 alpha-3 country code in upper case, e.g. GBR",
});
export type CountryAlpha3 = z.infer<typeof CountryAlpha3>;

export const ALPHA2_TO_ALPHA3 = Object.freeze(Object.fromEntries(ISO_3166_1)) as Readonly<
  Record<CountryAlpha2, CountryAlpha3>
>;
export const ALPHA3_TO_ALPHA2 = Object.freeze(
  Object.fromEntries(ISO_3166_1.map(([alpha2, alpha3]) => [alpha3, alpha2])),
) as Readonly<Record<CountryAlpha3, CountryAlpha2>>;

/** The alpha-3 code of an alpha-2 code, or `undefined` if it is not an assigned code. */
export function toAlpha3(alpha2: string): CountryAlpha3 | undefined {
  return Object.hasOwn(ALPHA2_TO_ALPHA3, alpha2) ? ALPHA2_TO_ALPHA3[alpha2 as CountryAlpha2] : undefined;
}

/** The alpha-2 code of an alpha-3 code, or `undefined` if it is not an assigned code. */
export function toAlpha2(alpha3: string): CountryAlpha2 | undefined {
  return Object.hasOwn(ALPHA3_TO_ALPHA2, alpha3) ? ALPHA3_TO_ALPHA2[alpha3 as CountryAlpha3] : undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Dates and URLs
// ---------------------------------------------------------------------------------------------------------

/**
 * A calendar date, YYYY-MM-DD, that exists: zod's ISO date pattern knows month lengths and leap years,
 * so 2026-02-30 and 2023-02-29 fail (pinned by tests, in case that ever changes).
 */
export const IsoDate = z.iso.date({ error: "must be a real calendar date in the form YYYY-MM-DD" });
export type IsoDate = z.infer<typeof IsoDate>;

/** ISO 8601 / RFC 3339 date-time with `Z` or a numeric offset (e.g. 2026-11-22T10:15:00+01:00). */
export const IsoDateTime = z.iso.datetime({
  offset: true,
  error: "must be an ISO 8601 date-time with Z or a numeric offset, e.g. 2026-11-22T10:15:00Z",
});
export type IsoDateTime = z.infer<typeof IsoDateTime>;

export const URL_MAX_LENGTH = 2048;

/** An absolute http or https URL of at most 2048 characters (webhooks may point at local dev servers). */
export const HttpUrl = z
  .url({ protocol: /^https?$/, error: "must be an absolute http(s) URL" })
  .max(URL_MAX_LENGTH, `must be at most ${URL_MAX_LENGTH} characters`);

/** An absolute https URL of at most 2048 characters (pages shown to end users, e.g. redirects). */
export const HttpsUrl = z
  .url({ protocol: /^https$/, error: "must be an absolute https URL" })
  .max(URL_MAX_LENGTH, `must be at most ${URL_MAX_LENGTH} characters`);

// ---------------------------------------------------------------------------------------------------------
// Base64 and images
// ---------------------------------------------------------------------------------------------------------

const BASE64_PATTERN = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Standard (RFC 4648 §4) padded base64, e.g. a document scan or a chip data group. */
export const Base64 = z.base64({ error: "must be standard base64 (A-Z a-z 0-9 + /, padded with =)" });

/** Bytes that a padded base64 string decodes to, computed from its length alone. */
export function base64DecodedLength(base64: string): number {
  const padding = base64.endsWith("==") ? 2 : base64.endsWith("=") ? 1 : 0;
  return Math.floor(base64.length / 4) * 3 - padding;
}

export function decodeBase64(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function encodeBase64(bytes: Uint8Array): string {
  let binary = "";
  // Chunked so large images do not overflow the argument limit of String.fromCharCode.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

export const IMAGE_MEDIA_TYPES = ["image/jpeg", "image/png", "image/webp"] as const;
export type ImageMediaType = (typeof IMAGE_MEDIA_TYPES)[number];

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The image format that the first bytes announce (JPEG SOI, PNG signature, RIFF…WEBP), if any. */
export function sniffImageType(head: Uint8Array): ImageMediaType | undefined {
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return "image/jpeg";
  if (PNG_SIGNATURE.every((byte, i) => head[i] === byte)) return "image/png";
  const ascii = (from: number, to: number) => String.fromCharCode(...head.subarray(from, to));
  if (head.length >= 12 && ascii(0, 4) === "RIFF" && ascii(8, 12) === "WEBP") return "image/webp";
  return undefined;
}

const DATA_URL_PREFIX = /^data:(image\/(?:jpeg|png|webp));base64,/;

/** Splits a bare base64 image or a `data:image/…;base64,` URL into its declared type and base64 part. */
export function splitImageDataUrl(value: string): { declaredType: ImageMediaType | null; base64: string } {
  const match = DATA_URL_PREFIX.exec(value);
  if (!match) return { declaredType: null, base64: value };
  return { declaredType: match[1] as ImageMediaType, base64: value.slice(match[0].length) };
}

/**
 * A JPEG, PNG or WebP image as padded standard base64, bare or as a `data:image/jpeg|png|webp;base64,` URL.
 * The decoded size is checked from the string length before anything else, so an oversized upload is
 * refused without scanning or decoding it; then the alphabet; then the format by its magic bytes (only
 * the first 16 bytes are decoded), which must agree with a data URL's declared type.
 */
export function base64Image(options: { maxBytes: number }) {
  const { maxBytes } = options;
  const description = `JPEG, PNG or WebP image as base64 or a data: URL, at most ${maxBytes} bytes decoded`;
  return z
    .string()
    .check((ctx) => {
      const value = ctx.value;
      if (value.startsWith("data:") && !DATA_URL_PREFIX.test(value)) {
        ctx.issues.push({
          code: "custom",
          input: value,
          message: "data URL must be data:image/jpeg, image/png or image/webp with ;base64,",
        });
        return;
      }
      const { declaredType, base64 } = splitImageDataUrl(value);
      if (base64.length === 0) {
        ctx.issues.push({ code: "custom", input: value, message: "image must not be empty" });
        return;
      }
      if (base64DecodedLength(base64) > maxBytes) {
        ctx.issues.push({
          code: "custom",
          input: value,
          message: `image must be at most ${maxBytes} bytes once decoded`,
        });
        return;
      }
      if (!BASE64_PATTERN.test(base64)) {
        ctx.issues.push({
          code: "custom",
          input: value,
          message: "image must be standard base64 (A-Z a-z 0-9 + /, padded with =)",
        });
        return;
      }
      const actualType = sniffImageType(decodeBase64(base64.slice(0, 16)));
      if (!actualType) {
        ctx.issues.push({ code: "custom", input: value, message: "image must be a JPEG, PNG or WebP" });
      } else if (declaredType !== null && declaredType !== actualType) {
        ctx.issues.push({
          code: "custom",
          input: value,
          message: `data URL declares ${declaredType} but the image is ${actualType}`,
        });
      }
    })
    .describe(description);
}
