import { orientation as readOrientation } from "exifr/dist/mini.esm.mjs";

/** EXIF orientation 1–8 of a JPEG (1 when absent or unreadable: a bad EXIF block must not fail a selfie). */
export async function exifOrientation(bytes: Uint8Array): Promise<number> {
  try {
    const value = await readOrientation(bytes);
    return typeof value === "number" && value >= 1 && value <= 8 ? value : 1;
  } catch {
    return 1;
  }
}

/** Orientations 5–8 swap width and height. */
export const swapsAxes = (orientation: number) => orientation >= 5;

/**
 * Where upright pixel (x, y) of an image displayed with this orientation comes from in the stored image
 * (w, h are the stored size). EXIF 2.32, tag 0x0112.
 */
export function sourcePixel(
  orientation: number,
  x: number,
  y: number,
  w: number,
  h: number,
): [number, number] {
  switch (orientation) {
    case 2:
      return [w - 1 - x, y];
    case 3:
      return [w - 1 - x, h - 1 - y];
    case 4:
      return [x, h - 1 - y];
    case 5:
      return [y, x];
    case 6:
      return [y, h - 1 - x];
    case 7:
      return [w - 1 - y, h - 1 - x];
    case 8:
      return [w - 1 - y, x];
    default:
      return [x, y];
  }
}
