import { decode as decodePngImage } from "fast-png";
import { Unzlib } from "fflate";
import { FaceEngineError } from "../errors.ts";
import type { DecodeLimits } from "../types.ts";
import { checkDimensions } from "./limits.ts";
import type { Raster } from "./raster.ts";

interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  interlaced: boolean;
}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

const u32 = (b: Uint8Array, o: number) =>
  (((b[o] as number) << 24) |
    ((b[o + 1] as number) << 16) |
    ((b[o + 2] as number) << 8) |
    (b[o + 3] as number)) >>>
  0;

function pngHeader(bytes: Uint8Array): PngHeader {
  // Signature (8) + IHDR length (4) + "IHDR" (4) + 13 bytes of header.
  if (bytes.length < 33) throw new FaceEngineError("truncated_image", "PNG ends inside its header");
  if (String.fromCharCode(...bytes.subarray(12, 16)) !== "IHDR") {
    throw new FaceEngineError("corrupt_image", "PNG does not start with an IHDR chunk");
  }
  const colorType = bytes[25] as number;
  if (CHANNELS[colorType] === undefined)
    throw new FaceEngineError("corrupt_image", "PNG has an unknown colour type");
  return {
    width: u32(bytes, 16),
    height: u32(bytes, 20),
    bitDepth: bytes[24] as number,
    colorType,
    interlaced: bytes[28] === 1,
  };
}

/** Bytes the filtered scanlines of this header take once inflated (Adam7 passes included). */
function expectedInflatedBytes(h: PngHeader): number {
  const bitsPerPixel = (CHANNELS[h.colorType] as number) * h.bitDepth;
  const rowBytes = (w: number) => (w === 0 ? 0 : 1 + Math.ceil((w * bitsPerPixel) / 8));
  if (!h.interlaced) return h.height * rowBytes(h.width);
  const passes = [
    [0, 0, 8, 8],
    [4, 0, 8, 8],
    [0, 4, 4, 8],
    [2, 0, 4, 4],
    [0, 2, 2, 4],
    [1, 0, 2, 2],
    [0, 1, 1, 2],
  ] as const;
  let total = 0;
  for (const [x0, y0, dx, dy] of passes) {
    const w = Math.ceil((h.width - x0) / dx);
    const rows = Math.ceil((h.height - y0) / dy);
    if (w > 0 && rows > 0) total += rows * rowBytes(w);
  }
  return total;
}

/**
 * A PNG bomb keeps a small header and a huge IDAT stream. The IDAT data is inflated once in a counting
 * stream that stops as soon as it produces more than the header allows, so nothing big is ever held.
 */
function refuseInflationBeyondHeader(bytes: Uint8Array, header: PngHeader): void {
  const allowed = expectedInflatedBytes(header);
  let produced = 0;
  const inflate = new Unzlib((chunk) => {
    produced += chunk.length;
    if (produced > allowed)
      throw new FaceEngineError("corrupt_image", "PNG data inflates beyond its declared size");
  });
  let offset = 8;
  let sawIend = false;
  while (offset + 8 <= bytes.length) {
    const length = u32(bytes, offset);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    const end = offset + 8 + length + 4;
    if (end > bytes.length) throw new FaceEngineError("truncated_image", `PNG ends inside its ${type} chunk`);
    if (type === "IDAT") {
      try {
        inflate.push(bytes.subarray(offset + 8, offset + 8 + length), false);
      } catch (error) {
        if (error instanceof FaceEngineError) throw error;
        throw new FaceEngineError("corrupt_image", "PNG image data is not valid deflate data");
      }
    }
    if (type === "IEND") {
      sawIend = true;
      break;
    }
    offset = end;
  }
  if (!sawIend) throw new FaceEngineError("truncated_image", "PNG ends before its IEND chunk");
  try {
    inflate.push(new Uint8Array(0), true);
  } catch (error) {
    if (error instanceof FaceEngineError) throw error;
    throw new FaceEngineError("truncated_image", "PNG image data ends early");
  }
  if (produced < allowed) throw new FaceEngineError("truncated_image", "PNG image data ends early");
}

/** Checks the header against the limits and the data against the header, then decodes to 8-bit RGB or grey. */
export function decodePng(bytes: Uint8Array, limits: DecodeLimits): Raster {
  const header = pngHeader(bytes);
  checkDimensions(header.width, header.height, limits);
  refuseInflationBeyondHeader(bytes, header);
  let image: ReturnType<typeof decodePngImage>;
  try {
    image = decodePngImage(bytes);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new FaceEngineError("corrupt_image", `PNG could not be decoded: ${message.slice(0, 120)}`);
  }
  return toRaster(image);
}

function toRaster(image: ReturnType<typeof decodePngImage>): Raster {
  const { width, height } = image;
  const pixels = width * height;
  const source = image.data;
  const shift = image.depth === 16 ? 8 : 0;
  const palette = image.palette;
  const out = new Uint8Array(pixels * 3);
  if (palette) {
    for (let i = 0; i < pixels; i++) {
      const entry = palette[source[i] as number] ?? [0, 0, 0];
      out[i * 3] = entry[0] as number;
      out[i * 3 + 1] = entry[1] as number;
      out[i * 3 + 2] = entry[2] as number;
    }
    return { width, height, channels: 3, data: out };
  }
  const channels = image.channels;
  for (let i = 0; i < pixels; i++) {
    const base = i * channels;
    if (channels >= 3) {
      out[i * 3] = (source[base] as number) >> shift;
      out[i * 3 + 1] = (source[base + 1] as number) >> shift;
      out[i * 3 + 2] = (source[base + 2] as number) >> shift;
    } else {
      const grey = (source[base] as number) >> shift;
      out[i * 3] = grey;
      out[i * 3 + 1] = grey;
      out[i * 3 + 2] = grey;
    }
  }
  return { width, height, channels: 3, data: out };
}
