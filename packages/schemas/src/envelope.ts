import { z } from "zod";
import { EventSource, HttpUrl, IsoDateTime, Mode } from "./primitives.ts";

/**
 * Largest payload (UTF-8 bytes of its JSON) carried inline. Queue messages are capped at 128 KB, and the
 * envelope's other fields need room; anything larger is stored encrypted in R2 and sent as `payloadRef`.
 */
export const RESULT_EVENT_MAX_INLINE_BYTES = 96 * 1024;

/**
 * Dialect signatures a delivery carries besides Standard Webhooks (which every delivery carries).
 * - `smileid`: the producer already put Smile ID's `signature` and `timestamp` fields in the payload.
 * - `idenfy`: the gateway adds `Idenfy-Signature: hex(HMAC-SHA256(endpoint secret, raw body))`.
 */
export const SignatureScheme = z.enum(["idenfy", "smileid"]);
export type SignatureScheme = z.infer<typeof SignatureScheme>;

/** UTF-8 size of a payload's JSON, to compare with RESULT_EVENT_MAX_INLINE_BYTES. */
export function payloadJsonBytes(payload: unknown): number {
  return new TextEncoder().encode(JSON.stringify(payload)).byteLength;
}

/**
 * Deepest nesting of objects and arrays a payload may have (the payload itself is level 1). Vendors'
 * result documents are a handful of levels deep; a bound keeps every recursive step after this one (zod's
 * JSON check, serialisation, the receiver's parser) far from the stack limit.
 */
export const MAX_PAYLOAD_DEPTH = 64;

/** True when `value` nests objects/arrays deeper than `max`; iterative, so any depth is safe to ask. */
function exceedsDepth(value: unknown, max: number): boolean {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 1 }];
  while (stack.length > 0) {
    const item = stack.pop() as { value: unknown; depth: number };
    if (typeof item.value !== "object" || item.value === null) continue;
    if (item.depth > max) return true;
    for (const child of Object.values(item.value)) {
      if (typeof child === "object" && child !== null) stack.push({ value: child, depth: item.depth + 1 });
    }
  }
  return false;
}

const JsonObjectOrArray = z.union([z.record(z.string(), z.json()), z.array(z.json())], {
  error: "must be a JSON object or array",
});

// The depth is measured before z.json() recurses (it would overflow the stack on hostile input). The
// cast keeps the envelope's input type (what producers write) that of a JSON object or array.
const JsonPayload = z
  .unknown()
  .check((ctx) => {
    if (exceedsDepth(ctx.value, MAX_PAYLOAD_DEPTH)) {
      ctx.issues.push({
        code: "custom",
        input: ctx.value,
        message: `payload is nested more than ${MAX_PAYLOAD_DEPTH} levels deep; flatten it`,
        abort: true,
      });
    }
  })
  .pipe(JsonObjectOrArray) as unknown as typeof JsonObjectOrArray;

export const PayloadRef = z.strictObject({
  /** Object key in the uploads bucket, e.g. partners/<partnerId>/<capability>/<id>/result.json. */
  r2Key: z.string().min(1).max(1024),
  /** SHA-256 of the plaintext JSON, checked by the gateway after decrypting. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/, "must be a SHA-256 as 64 lowercase hex characters"),
});
export type PayloadRef = z.infer<typeof PayloadRef>;

/**
 * What every capability puts on the `kyc-results` queue for webhook-gateway to deliver. `payload` is the
 * body exactly as the partner must receive it, in the capability's dialect.
 */
export const ResultEventEnvelope = z
  .strictObject({
    specVersion: z.literal("1"),
    /** Idempotency key: one delivery per (partner, event id). */
    eventId: z
      .string()
      .regex(/^[A-Za-z0-9_.:-]{1,128}$/, "must be 1 to 128 characters of A-Z a-z 0-9 _ . : -"),
    partnerId: z.string().min(1).max(64),
    mode: Mode,
    capability: EventSource,
    type: z
      .string()
      .max(128)
      .regex(/^[a-z0-9_]+(\.[a-z0-9_]+)+$/, "must be dotted lower-case words, e.g. nfc.session.completed"),
    occurredAt: IsoDateTime,
    /** A session's own webhook URL, overriding the partner's endpoint for this event. */
    webhookUrl: HttpUrl.optional(),
    payload: JsonPayload.optional(),
    payloadRef: PayloadRef.optional(),
    signatures: z
      .array(SignatureScheme)
      .refine((list) => new Set(list).size === list.length, "must not repeat a scheme")
      .default([]),
  })
  .check((ctx) => {
    const { payload, payloadRef } = ctx.value;
    if (payload !== undefined && payloadRef !== undefined) {
      ctx.issues.push({
        code: "custom",
        input: ctx.value,
        path: ["payloadRef"],
        message: "exactly one of payload and payloadRef is allowed, got both",
      });
    } else if (payload === undefined && payloadRef === undefined) {
      ctx.issues.push({
        code: "custom",
        input: ctx.value,
        path: ["payload"],
        message: "exactly one of payload and payloadRef is required, got neither",
      });
    } else if (payload !== undefined && ctx.issues.length === 0) {
      // Only a payload that passed z.json() is measured: JSON.stringify throws on what it refused.
      const bytes = payloadJsonBytes(payload);
      if (bytes > RESULT_EVENT_MAX_INLINE_BYTES) {
        ctx.issues.push({
          code: "custom",
          input: ctx.value,
          path: ["payload"],
          message: `payload is ${bytes} bytes; above ${RESULT_EVENT_MAX_INLINE_BYTES} it must be stored in R2 and sent as payloadRef`,
        });
      }
    }
  })
  .describe("ResultEvent: one outcome of a capability, queued for signed delivery to the partner.");

export type ResultEvent = z.output<typeof ResultEventEnvelope>;
/** What a producer may write (`signatures` can be omitted). */
export type ResultEventInput = z.input<typeof ResultEventEnvelope>;
