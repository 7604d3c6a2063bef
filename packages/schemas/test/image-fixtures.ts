import { encodeBase64 } from "../src/index.ts";

/** Bytes that start like real files of each format; only the magic bytes matter to the schema. */
function imageBytes(format: "jpeg" | "png" | "webp" | "gif", size = 64): Uint8Array {
  const bytes = new Uint8Array(size);
  const heads: Record<typeof format, number[]> = {
    jpeg: [0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46],
    png: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d],
    webp: [..."RIFF"]
      .map((c) => c.charCodeAt(0))
      .concat(
        [0x24, 0, 0, 0],
        [..."WEBPVP8 "].map((c) => c.charCodeAt(0)),
      ),
    gif: [..."GIF89a"].map((c) => c.charCodeAt(0)),
  };
  bytes.set(heads[format]);
  return bytes;
}

export function imageBase64(format: "jpeg" | "png" | "webp" | "gif", size = 64): string {
  return encodeBase64(imageBytes(format, size));
}
