import { decode as decodeJpegPixels } from "jpeg-js";
import { FaceEngineError } from "../errors.ts";
import type { DecodeLimits } from "../types.ts";
import { checkDimensions } from "./limits.ts";
import type { Raster } from "./raster.ts";

/** SOF markers that carry the frame size (C4 DHT, C8 JPG and CC DAC share the range but are not frames). */
const isStartOfFrame = (marker: number) =>
  marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;

/** Width and height from the first SOF segment, reading only marker headers. */
function jpegDimensions(bytes: Uint8Array): { width: number; height: number } {
  let offset = 2;
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) throw new FaceEngineError("corrupt_image", "JPEG marker expected");
    const marker = bytes[offset + 1] as number;
    // Fill bytes and markers without a length.
    if (marker === 0xff) {
      offset += 1;
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      offset += 2;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) break;
    const length = ((bytes[offset + 2] as number) << 8) | (bytes[offset + 3] as number);
    if (length < 2) throw new FaceEngineError("corrupt_image", "JPEG segment with an invalid length");
    if (isStartOfFrame(marker)) {
      if (offset + 9 > bytes.length) break;
      const height = ((bytes[offset + 5] as number) << 8) | (bytes[offset + 6] as number);
      const width = ((bytes[offset + 7] as number) << 8) | (bytes[offset + 8] as number);
      return { width, height };
    }
    offset += 2 + length;
  }
  throw new FaceEngineError("truncated_image", "JPEG ends before its frame header");
}

/**
 * Whether an EOI marker follows the first scan. Entropy-coded data stuffs every FF byte (FF 00), so FF D9
 * after SOS can only be the end of the image; a cut-off file has none (jpeg-js would decode it as grey).
 */
function hasEndOfImage(bytes: Uint8Array): boolean {
  let sos = -1;
  for (let i = 2; i + 1 < bytes.length; i++) {
    if (bytes[i] === 0xff && bytes[i + 1] === 0xda) {
      sos = i;
      break;
    }
  }
  if (sos < 0) return false;
  for (let i = bytes.length - 2; i > sos; i--) {
    if (bytes[i] === 0xff && bytes[i + 1] === 0xd9) return true;
  }
  return false;
}

/** Checks the frame size against the limits, then decodes to RGB. */
export function decodeJpeg(bytes: Uint8Array, limits: DecodeLimits): Raster {
  const { width, height } = jpegDimensions(bytes);
  checkDimensions(width, height, limits);
  if (!hasEndOfImage(bytes))
    throw new FaceEngineError("truncated_image", "JPEG ends before its end-of-image marker");
  try {
    const image = decodeJpegPixels(bytes, {
      useTArray: true,
      formatAsRGBA: false,
      tolerantDecoding: false,
      maxResolutionInMP: limits.maxPixels / 1_000_000,
      // Pixels plus jpeg-js's per-component planes; the limit caps memory on hostile sampling factors.
      maxMemoryUsageInMB: Math.ceil((limits.maxPixels * 8) / 1_000_000),
    });
    if (image.width !== width || image.height !== height) {
      throw new FaceEngineError("corrupt_image", "JPEG decoded to a size other than its header's");
    }
    return {
      width,
      height,
      channels: 3,
      data: new Uint8Array(image.data.buffer, image.data.byteOffset, width * height * 3),
    };
  } catch (error) {
    if (error instanceof FaceEngineError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    // jpeg-js reports a short file as an out-of-range read or a missing marker.
    const truncated = /end of|out of bounds|marker was not found|undefined|Cannot read/i.test(message);
    throw new FaceEngineError(
      truncated ? "truncated_image" : "corrupt_image",
      `JPEG could not be decoded: ${message.slice(0, 120)}`,
    );
  }
}
