import { HolderPublicJwk } from "@edgekyc/schemas";
import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { SmileIdRefusal } from "../../smile/upload.ts";

const Signed = {
  partner_id: z.union([z.string(), z.number()]).openapi({ example: "1234" }),
  timestamp: z.string().openapi({ example: "2026-12-01T10:00:00.000Z" }),
  signature: z.string(),
};

export const UploadRequest = z
  .object({
    ...Signed,
    callback_url: z.string().max(2048).nullish(),
    file_name: z.string().max(200).optional(),
    partner_params: z
      .object({
        user_id: z.string().min(1).max(100),
        job_id: z.string().min(1).max(100),
        job_type: z.coerce
          .number()
          .int()
          .refine(
            (value) => value === 1 || value === 2 || value === 4,
            "job_type must be 1 (Biometric KYC), 2 (SmartSelfie authentication) or 4 (registration)",
          ),
      })
      .loose(),
    country: z.string().optional(),
    id_type: z.string().optional(),
    id_number: z.string().optional(),
    first_name: z.string().optional(),
    last_name: z.string().optional(),
    middle_name: z.string().optional(),
    dob: z.string().optional(),
    entered: z.union([z.string(), z.boolean()]).optional(),
    holder_key: HolderPublicJwk.optional().openapi({
      description:
        "EdgeKYC extension: the end user's public JWK (EC P-256 or Ed25519, public members only). The job's verification receipt is bound to it (`cnf`).",
    }),
  })
  .loose()
  .openapi("SmileIdUploadRequest");

export const UploadResponse = z
  .object({
    upload_url: z.string(),
    smile_job_id: z.string(),
    ref_id: z.string(),
    camera_config: z.null(),
    code: z.literal("2202"),
  })
  .openapi("SmileIdUploadResponse");

export const JobStatusRequest = z
  .object({
    ...Signed,
    user_id: z.string().min(1).max(100),
    job_id: z.string().min(1).max(100),
    history: z.boolean().optional(),
    image_links: z.boolean().optional(),
  })
  .loose()
  .openapi("SmileIdJobStatusRequest");

export const JobStatusResponse = z
  .object({
    job_complete: z.boolean(),
    job_success: z.boolean(),
    code: z.string(),
    result: z.record(z.string(), z.unknown()).nullable(),
    history: z.array(z.record(z.string(), z.unknown())).optional(),
    image_links: z.record(z.string(), z.unknown()).optional(),
    timestamp: z.string(),
    signature: z.string(),
  })
  .openapi("SmileIdJobStatus");

/** Smile ID's `{code, error}` for a refusal with a specific code. */
function refusal(c: Context, error: SmileIdRefusal) {
  return c.json({ code: error.code, error: error.message }, error.status);
}

/** Runs `work`, answering a SmileIdRefusal with Smile ID's body; anything else goes to the app's error handler. */
export async function withRefusals<T>(c: Context, work: () => Promise<T>): Promise<T | Response> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof SmileIdRefusal) return refusal(c, error);
    throw error;
  }
}

/** Where partners reach this Worker: PUBLIC_BASE_URL, else the origin of the request. */
export function baseUrlOf(c: Context, configured: string): string {
  return (configured || new URL(c.req.url).origin).replace(/\/$/, "");
}
