import { z } from "@hono/zod-openapi";
import { LOST_STOLEN_REASONS } from "../../db/schema.ts";

export const LostStolenEntry = z
  .object({
    id: z.string(),
    issuing_state: z.string(),
    document_number: z.string(),
    reason: z.enum(LOST_STOLEN_REASONS),
    created_at: z.string(),
  })
  .openapi("LostStolenEntry");

/** Issuing state as in the MRZ: 3 letters (Germany is "D<<", written "D"). */
export const IssuingState = z
  .string()
  .transform((value) => value.toUpperCase().replace(/</g, ""))
  .pipe(z.string().regex(/^[A-Z]{1,3}$/, "must be the MRZ issuing state, e.g. NLD or D"))
  .openapi({ example: "NLD" });

export const DocumentNumber = z
  .string()
  .transform((value) => value.toUpperCase().replace(/[<\s]/g, ""))
  .pipe(z.string().regex(/^[A-Z0-9]{1,22}$/, "must be 1-22 letters and digits"))
  .openapi({ example: "SPECI2014" });
