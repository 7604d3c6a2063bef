import type { FaceEngineErrorInfo } from "@edgekyc/face-engine";
import { ApiError, fromBase64 } from "@edgekyc/platform";
import { z } from "@hono/zod-openapi";

export const Base64Image = z
  .string()
  .min(1)
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, "must be base64 (standard alphabet, no data: prefix)")
  .openapi({ description: "JPEG, PNG or JPEG 2000 (JP2 or codestream), base64" });

export function decodeBase64(value: string): Uint8Array {
  return fromBase64(value);
}

/** An engine input error as a 422 whose detail names the input and the closed error code. */
export function inputError(error: FaceEngineErrorInfo): never {
  throw new ApiError("validation_failed", `${error.code}: ${error.message}`, {
    details: [{ path: error.input ?? "(body)", message: error.code }],
  });
}
