import { z } from "zod";
import { EventSource, HttpUrl, IsoDateTime, Mode } from "./primitives.ts";

/** Queue messages are capped at 128 KB; larger payloads travel as an encrypted R2 object. */
export const RESULT_EVENT_MAX_INLINE_BYTES = 96 * 1024;

/** Dialect signatures besides Standard Webhooks (which every delivery carries). */
export const SignatureScheme = z.enum(["idenfy", "smileid"]);
export type SignatureScheme = z.infer<typeof SignatureScheme>;

const JsonPayload = z.union([z.record(z.string(), z.unknown()), z.array(z.unknown())], {
  error: "must be a JSON object or array",
});

/**
 * What every capability puts on the kyc-results queue. `payload` is the body exactly as the partner
 * must receive it, in the capability's dialect.
 */
export const ResultEventEnvelope = z
  .strictObject({
    specVersion: z.literal("1"),
    /** Idempotency key: one delivery per (partner, event id). */
    eventId: z.string().regex(/^[A-Za-z0-9_.:-]{1,128}$/, "must be 1-128 of A-Z a-z 0-9 _ . : -"),
    partnerId: z.string().min(1).max(64),
    mode: Mode,
    capability: EventSource,
    type: z
      .string()
      .max(128)
      .regex(/^[a-z0-9_]+(\.[a-z0-9_]+)+$/, "must be dotted lowercase words, e.g. nfc.session.completed"),
    occurredAt: IsoDateTime,
    /** A session's own webhook URL, overriding the partner's endpoint. */
    webhookUrl: HttpUrl.optional(),
    payload: JsonPayload.optional(),
    payloadRef: z
      .strictObject({
        r2Key: z.string().min(1).max(1024),
        sha256: z.string().regex(/^[0-9a-f]{64}$/, "must be a lowercase hex SHA-256"),
      })
      .optional(),
    signatures: z.array(SignatureScheme).max(2).default([]),
  })
  .superRefine((event, ctx) => {
    if ((event.payload === undefined) === (event.payloadRef === undefined)) {
      ctx.addIssue({
        code: "custom",
        path: ["payload"],
        message: "exactly one of payload and payloadRef is required",
      });
    }
  })
  .describe("ResultEvent");

export type ResultEvent = z.output<typeof ResultEventEnvelope>;
export type ResultEventInput = z.input<typeof ResultEventEnvelope>;
