import { z } from "zod";
import { COUNTRY_CODES } from "./iso-3166.ts";

export const MODES = ["test", "live"] as const;
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

/** Who produced a result event: a capability, or the gateway itself (test events). */
export const EventSource = z.enum([...CAPABILITIES, "webhook-gateway"]);
export type EventSource = z.infer<typeof EventSource>;

/** Wire dialects. `edgekyc` is the platform's own API (admin, webhooks partner API). */
export const DIALECTS = ["machinesense", "assure", "smileid", "ndt", "idenfy", "edgekyc"] as const;
export const Dialect = z.enum(DIALECTS);
export type Dialect = z.infer<typeof Dialect>;

export const DIALECT_CAPABILITY: Record<Dialect, EventSource> = {
  machinesense: "nfc-session",
  assure: "biometric-liveness",
  smileid: "biometric-liveness",
  ndt: "ekyc-otp-pennydrop",
  idenfy: "poa-additional-steps",
  edgekyc: "webhook-gateway",
};

const alpha2 = COUNTRY_CODES.map(([a2]) => a2);
const alpha3 = COUNTRY_CODES.map(([, a3]) => a3);
export const CountryAlpha2 = z.enum(alpha2 as [string, ...string[]], {
  error: "must be an ISO 3166-1 alpha-2 country code (e.g. GB)",
});
export const CountryAlpha3 = z.enum(alpha3 as [string, ...string[]], {
  error: "must be an ISO 3166-1 alpha-3 country code (e.g. GBR)",
});
export const ALPHA2_TO_ALPHA3: ReadonlyMap<string, string> = new Map(
  COUNTRY_CODES.map(([a2, a3]) => [a2, a3]),
);
export const ALPHA3_TO_ALPHA2: ReadonlyMap<string, string> = new Map(
  COUNTRY_CODES.map(([a2, a3]) => [a3, a2]),
);

/** A calendar date, YYYY-MM-DD, that exists (no 30 February). */
export const IsoDate = z.iso.date({ error: "must be a date in the form YYYY-MM-DD" }).refine((value) => {
  const [y, m, d] = value.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}, "must be a real calendar date");

/** ISO 8601 date-time with a zone offset or Z. */
export const IsoDateTime = z.iso.datetime({
  offset: true,
  error: "must be an ISO 8601 date-time with a time zone",
});

export const HttpUrl = z
  .url({ protocol: /^https?$/, error: "must be an absolute http(s) URL" })
  .max(2048, "must be at most 2048 characters");
export const HttpsUrl = z
  .url({ protocol: /^https$/, error: "must be an absolute https URL" })
  .max(2048, "must be at most 2048 characters");

const IMAGE_SIGNATURES: { type: string; test: (bytes: Uint8Array) => boolean }[] = [
  { type: "image/jpeg", test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  {
    type: "image/png",
    test: (b) => [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((v, i) => b[i] === v),
  },
  {
    type: "image/webp",
    test: (b) =>
      String.fromCharCode(...b.subarray(0, 4)) === "RIFF" &&
      String.fromCharCode(...b.subarray(8, 12)) === "WEBP",
  },
];

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const DATA_URL = /^data:(image\/(?:jpeg|png|webp));base64,/;

/** Decoded size of a base64 string, from its length alone. */
export function base64DecodedSize(base64: string): number {
  const padding = base64.endsWith("==") ? 2 : base64.endsWith("=") ? 1 : 0;
  return (base64.length / 4) * 3 - padding;
}

function decodeHead(base64: string, bytes: number): Uint8Array {
  const chars = Math.ceil(bytes / 3) * 4;
  const binary = atob(base64.slice(0, chars));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/**
 * A JPEG, PNG or WebP image as base64 (bare or a data: URL). The size cap is checked on the length
 * before anything is decoded, so an oversized image costs nothing; the format by its magic bytes.
 */
export function base64Image(options: { maxBytes: number }) {
  return z.string().superRefine((value, ctx) => {
    const dataUrl = DATA_URL.exec(value);
    const base64 = dataUrl ? value.slice(dataUrl[0].length) : value;
    if (base64.length === 0 || base64.length % 4 !== 0 || !BASE64.test(base64)) {
      ctx.addIssue({ code: "custom", message: "must be base64-encoded image data" });
      return;
    }
    if (base64DecodedSize(base64) > options.maxBytes) {
      ctx.addIssue({ code: "custom", message: `image must be at most ${options.maxBytes} bytes` });
      return;
    }
    const head = decodeHead(base64, 12);
    const format = IMAGE_SIGNATURES.find((signature) => signature.test(head));
    if (!format) {
      ctx.addIssue({ code: "custom", message: "image must be a JPEG, PNG or WebP" });
    } else if (dataUrl && dataUrl[1] !== format.type) {
      ctx.addIssue({
        code: "custom",
        message: `data URL says ${dataUrl[1]} but the image is ${format.type}`,
      });
    }
  });
}
