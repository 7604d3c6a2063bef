import type { ImageFormat } from "../types.ts";

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b);

const JPEG = [0xff, 0xd8, 0xff];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const RIFF = [0x52, 0x49, 0x46, 0x46];
const WEBP = [0x57, 0x45, 0x42, 0x50];
/** JP2 signature box: length 12, type "jP  ", content 0D 0A 87 0A. */
const JP2 = [0x00, 0x00, 0x00, 0x0c, 0x6a, 0x50, 0x20, 0x20, 0x0d, 0x0a, 0x87, 0x0a];
/** SOC then SIZ marker: a raw JPEG 2000 codestream (.j2k/.j2c), as some chips store DG2. */
const J2K = [0xff, 0x4f, 0xff, 0x51];

/** The format by its magic bytes, never by a declared content type; null when unknown. */
export function sniffFormat(bytes: Uint8Array): ImageFormat | null {
  if (startsWith(bytes, JPEG)) return "jpeg";
  if (startsWith(bytes, PNG)) return "png";
  if (startsWith(bytes, RIFF) && startsWith(bytes, WEBP, 8)) return "webp";
  if (startsWith(bytes, JP2)) return "jp2";
  if (startsWith(bytes, J2K)) return "j2k";
  return null;
}
