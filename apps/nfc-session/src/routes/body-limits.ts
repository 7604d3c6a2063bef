import { ApiError } from "@edgekyc/platform";
import { bodyLimit } from "hono/body-limit";

/** App-wide ceiling (newApp): the selfie upload, the largest body. Routes set tighter limits below it. */
export const APP_MAX_BODY_BYTES = 6 * 1024 * 1024;
/** A chip upload: EF.COM, EF.SOD, DG1, DG2 (a portrait of up to ~100 KB), DG11/12/15, base64 twice. */
export const CHIP_MAX_BODY_BYTES = 512 * 1024;
/** Master lists are the largest trust files (the German one is ~1 MB of DER, base64 in JSON). */
export const TRUST_MAX_BODY_BYTES = 4 * 1024 * 1024;

/** Refuses by Content-Length before reading, and stops reading a stream at the limit (never buffers more). */
export function limitBody(maxSize: number) {
  return bodyLimit({
    maxSize,
    onError: () => {
      throw new ApiError("payload_too_large", `request body is larger than ${maxSize} bytes`);
    },
  });
}
