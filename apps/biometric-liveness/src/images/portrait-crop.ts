import jpeg from "jpeg-js";
import type { FaceBox } from "../face/face-engine.ts";

/** Room around the detected face, as a share of its size on each side (ID photos show head and shoulders). */
const MARGIN = 0.4;
/** Decoding limits: a document photo is far below these; anything above is not worth the isolate's memory. */
const MAX_MEGAPIXELS = 24;
const MAX_MEMORY_MB = 256;

/**
 * The portrait cut out of a JPEG document image around the face the engine found, as a JPEG. Null when
 * the image is not a JPEG or cannot be decoded, or the box lies outside it. The box is in the upright
 * image; documents with an EXIF rotation are cut where the box falls on the stored pixels.
 */
export function cropPortrait(image: Uint8Array, contentType: string, box: FaceBox): Uint8Array | null {
  if (contentType !== "image/jpeg") return null;
  let decoded: { width: number; height: number; data: Uint8Array };
  try {
    decoded = jpeg.decode(image, {
      useTArray: true,
      formatAsRGBA: true,
      maxResolutionInMP: MAX_MEGAPIXELS,
      maxMemoryUsageInMB: MAX_MEMORY_MB,
    });
  } catch {
    return null;
  }
  const x0 = Math.max(0, Math.floor(box.x - box.width * MARGIN));
  const y0 = Math.max(0, Math.floor(box.y - box.height * MARGIN));
  const x1 = Math.min(decoded.width, Math.ceil(box.x + box.width * (1 + MARGIN)));
  const y1 = Math.min(decoded.height, Math.ceil(box.y + box.height * (1 + MARGIN)));
  if (x1 - x0 < 8 || y1 - y0 < 8) return null;
  const width = x1 - x0;
  const height = y1 - y0;
  const data = new Uint8Array(width * height * 4);
  for (let row = 0; row < height; row++) {
    const from = ((y0 + row) * decoded.width + x0) * 4;
    data.set(decoded.data.subarray(from, from + width * 4), row * width * 4);
  }
  return new Uint8Array(jpeg.encode({ width, height, data }, 90).data);
}
