import { FaceEngineError } from "../errors.ts";
import type { DecodeLimits } from "../types.ts";

export const DEFAULT_DECODE_LIMITS: DecodeLimits = {
  maxBytes: 10 * 1024 * 1024,
  maxDimension: 8192,
  maxPixels: 12_000_000,
  maxJp2Tiles: 4096,
};

/** Refuses zero or oversized dimensions, from a header, before any pixel is decoded. */
export function checkDimensions(width: number, height: number, limits: DecodeLimits): void {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new FaceEngineError("invalid_dimensions", `image declares ${width}×${height} pixels`);
  }
  if (width > limits.maxDimension || height > limits.maxDimension) {
    throw new FaceEngineError(
      "dimensions_too_large",
      `image is ${width}×${height} pixels; the largest side allowed is ${limits.maxDimension}`,
    );
  }
  if (width * height > limits.maxPixels) {
    throw new FaceEngineError(
      "dimensions_too_large",
      `image has ${width * height} pixels; at most ${limits.maxPixels} are allowed`,
    );
  }
}
