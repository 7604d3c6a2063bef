import { FaceEngineError } from "../errors.ts";
import type { DecodeLimits, ImageBytes, ImageInfo } from "../types.ts";
import { decodeJpeg } from "./jpeg.ts";
import { decodeJpeg2000 } from "./jpeg2000.ts";
import { DEFAULT_DECODE_LIMITS } from "./limits.ts";
import { exifOrientation, sourcePixel, swapsAxes } from "./orientation.ts";
import { decodePng } from "./png.ts";
import type { Raster } from "./raster.ts";
import { sniffFormat } from "./sniff.ts";
import { decodeWebp } from "./webp.ts";

export { DEFAULT_DECODE_LIMITS } from "./limits.ts";
export { sniffFormat } from "./sniff.ts";

export interface DecodedImage {
  info: ImageInfo;
  /** Upright RGB, downscaled so that its longer side is at most `maxSide`. */
  raster: Raster;
}

export function asBytes(input: ImageBytes): Uint8Array {
  return input instanceof Uint8Array ? input : new Uint8Array(input);
}

/**
 * Sniffs, checks the limits, decodes, applies EXIF orientation and downscales (box filter) in one pass.
 * Every failure is a FaceEngineError with a code from the closed set.
 */
export async function decodeImage(
  input: ImageBytes,
  options: {
    limits?: Partial<DecodeLimits>;
    maxSide?: number;
    /** The OpenJPEG decoder, compiled; asked for only when a JPEG 2000 image arrives. */
    openjpegWasm?: () => Promise<WebAssembly.Module>;
    /** libwebp's decoder (@jsquash/webp), compiled; asked for only when a WebP image arrives. */
    webpWasm?: () => Promise<WebAssembly.Module>;
  } = {},
): Promise<DecodedImage> {
  const limits = { ...DEFAULT_DECODE_LIMITS, ...options.limits };
  const bytes = asBytes(input);
  if (bytes.length === 0) throw new FaceEngineError("empty_image", "image has no bytes");
  if (bytes.length > limits.maxBytes) {
    throw new FaceEngineError(
      "image_too_large",
      `image is ${bytes.length} bytes; at most ${limits.maxBytes} are allowed`,
    );
  }
  const format = sniffFormat(bytes);
  let raster: Raster;
  let orientation = 1;
  switch (format) {
    case "jpeg":
      raster = decodeJpeg(bytes, limits);
      orientation = await exifOrientation(bytes);
      break;
    case "png":
      raster = decodePng(bytes, limits);
      break;
    case "jp2":
    case "j2k":
      raster = await decodeJpeg2000(
        bytes,
        limits,
        options.openjpegWasm ??
          (() =>
            Promise.reject(
              new FaceEngineError("unsupported_format", "JPEG 2000 decoding is not configured here"),
            )),
      );
      break;
    case "webp":
      raster = await decodeWebp(
        bytes,
        limits,
        options.webpWasm ??
          (() =>
            Promise.reject(
              new FaceEngineError("unsupported_format", "WebP decoding is not configured here"),
            )),
      );
      break;
    default:
      throw new FaceEngineError("unsupported_format", "not a JPEG, PNG, WebP or JPEG 2000 image");
  }
  const upright = uprightAndScaled(raster, orientation, options.maxSide ?? 1024);
  return {
    info: {
      format,
      width: upright.uprightWidth,
      height: upright.uprightHeight,
      orientation,
      bytes: bytes.length,
    },
    raster: upright.raster,
  };
}

/**
 * The upright image, its longer side reduced to maxSide by averaging each output pixel's source block
 * (the detector sees at most 256 px and the embedding 224 px, so more resolution only costs memory).
 */
function uprightAndScaled(
  raster: Raster,
  orientation: number,
  maxSide: number,
): { raster: Raster; uprightWidth: number; uprightHeight: number } {
  const { width: w, height: h, data } = raster;
  const uprightWidth = swapsAxes(orientation) ? h : w;
  const uprightHeight = swapsAxes(orientation) ? w : h;
  const scale = Math.min(1, maxSide / Math.max(uprightWidth, uprightHeight));
  if (scale === 1 && orientation === 1) return { raster, uprightWidth, uprightHeight };
  const outW = Math.max(1, Math.round(uprightWidth * scale));
  const outH = Math.max(1, Math.round(uprightHeight * scale));
  const out = new Uint8Array(outW * outH * 3);
  const stepX = uprightWidth / outW;
  const stepY = uprightHeight / outH;
  for (let oy = 0; oy < outH; oy++) {
    const y0 = Math.floor(oy * stepY);
    const y1 = Math.max(y0 + 1, Math.floor((oy + 1) * stepY));
    for (let ox = 0; ox < outW; ox++) {
      const x0 = Math.floor(ox * stepX);
      const x1 = Math.max(x0 + 1, Math.floor((ox + 1) * stepX));
      let r = 0;
      let g = 0;
      let b = 0;
      for (let y = y0; y < y1; y++) {
        for (let x = x0; x < x1; x++) {
          const [sx, sy] = sourcePixel(orientation, x, y, w, h);
          const i = (sy * w + sx) * 3;
          r += data[i] as number;
          g += data[i + 1] as number;
          b += data[i + 2] as number;
        }
      }
      const n = (y1 - y0) * (x1 - x0);
      const o = (oy * outW + ox) * 3;
      out[o] = r / n;
      out[o + 1] = g / n;
      out[o + 2] = b / n;
    }
  }
  return { raster: { width: outW, height: outH, channels: 3, data: out }, uprightWidth, uprightHeight };
}
