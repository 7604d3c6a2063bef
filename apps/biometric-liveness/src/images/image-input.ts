import { ApiError } from "@edgekyc/platform";
import { base64Image, decodeBase64, encodeBase64, sniffImageType, splitImageDataUrl } from "@edgekyc/schemas";

/** Largest image accepted anywhere (decoded bytes): FaceTec audit trail images and selfies are far smaller. */
const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

const imageSchema = base64Image({ maxBytes: MAX_IMAGE_BYTES });

/**
 * A JPEG/PNG/WebP from base64 or a data URL. Refused with a message naming the field when it is not an
 * image, too large, truncated (a JPEG without its end marker, a PNG without IEND) or malformed.
 */
export function decodeImage(value: string, field: string): { bytes: Uint8Array; contentType: string } {
  const checked = imageSchema.safeParse(value.trim());
  if (!checked.success) {
    const message = checked.error.issues[0]?.message ?? "is not an image";
    throw new ApiError("validation_failed", `${field}: ${message}`, { details: [{ path: field, message }] });
  }
  const bytes = decodeBase64(splitImageDataUrl(value.trim()).base64);
  const contentType = sniffImageType(bytes) as string;
  if (isTruncated(bytes, contentType)) {
    const message = "image is truncated (its end marker is missing)";
    throw new ApiError("validation_failed", `${field}: ${message}`, { details: [{ path: field, message }] });
  }
  return { bytes, contentType };
}

/** JPEG ends with FFD9 and PNG with an IEND chunk; a cut-off upload lacks them. */
function isTruncated(bytes: Uint8Array, contentType: string): boolean {
  const tail = bytes.subarray(Math.max(0, bytes.length - 64));
  if (contentType === "image/jpeg") {
    for (let i = tail.length - 2; i >= 0; i--) if (tail[i] === 0xff && tail[i + 1] === 0xd9) return false;
    return true;
  }
  if (contentType === "image/png") {
    const text = new TextDecoder("latin1").decode(tail);
    return !text.includes("IEND");
  }
  return false;
}

/** The image as a data URL (Assure's GET image answers this). */
export function toDataUrl(bytes: Uint8Array, contentType: string): string {
  return `data:${contentType};base64,${encodeBase64(bytes)}`;
}
