import { init as initWebpDecoder, default as webpDecode } from "@jsquash/webp/decode.js";
import { FaceEngineError } from "../errors.ts";
import type { DecodeLimits } from "../types.ts";
import { checkDimensions } from "./limits.ts";
import type { Raster } from "./raster.ts";

const le16 = (b: Uint8Array, o: number) => (b[o] as number) | ((b[o + 1] as number) << 8);
const le24 = (b: Uint8Array, o: number) => le16(b, o) | ((b[o + 2] as number) << 16);
const le32 = (b: Uint8Array, o: number) => (le24(b, o) | ((b[o + 3] as number) << 24)) >>> 0;
const fourcc = (b: Uint8Array, o: number) => String.fromCharCode(...b.subarray(o, o + 4));

/**
 * Every size the file declares (the VP8X canvas and the VP8/VP8L bitstream header), read from the RIFF
 * chunks before anything is decoded; a file that ends inside a chunk, or is animated, is refused here.
 */
function webpDimensions(bytes: Uint8Array): { width: number; height: number }[] {
  if (bytes.length < 20) throw new FaceEngineError("truncated_image", "WebP ends inside its RIFF header");
  const riffEnd = le32(bytes, 4) + 8;
  if (riffEnd > bytes.length)
    throw new FaceEngineError("truncated_image", "WebP is shorter than its RIFF size");
  const sizes: { width: number; height: number }[] = [];
  let bitstream = false;
  let offset = 12;
  while (offset + 8 <= riffEnd) {
    const type = fourcc(bytes, offset);
    const length = le32(bytes, offset + 4);
    const data = offset + 8;
    if (data + length > riffEnd)
      throw new FaceEngineError("truncated_image", `WebP ends inside its ${type} chunk`);
    if (type === "ANIM" || type === "ANMF")
      throw new FaceEngineError("unsupported_format", "animated WebP is not supported; send one still image");
    if (type === "VP8X") {
      if (length < 10) throw new FaceEngineError("corrupt_image", "WebP VP8X chunk is too short");
      sizes.push({ width: le24(bytes, data + 4) + 1, height: le24(bytes, data + 7) + 1 });
    } else if (type === "VP8 ") {
      bitstream = true;
      if (length < 10 || bytes[data + 3] !== 0x9d || bytes[data + 4] !== 0x01 || bytes[data + 5] !== 0x2a)
        throw new FaceEngineError("corrupt_image", "WebP VP8 bitstream has no valid frame header");
      sizes.push({ width: le16(bytes, data + 6) & 0x3fff, height: le16(bytes, data + 8) & 0x3fff });
    } else if (type === "VP8L") {
      bitstream = true;
      if (length < 5 || bytes[data] !== 0x2f)
        throw new FaceEngineError("corrupt_image", "WebP VP8L bitstream has no valid signature");
      const bits = le32(bytes, data + 1);
      sizes.push({ width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 });
    }
    // Chunks are padded to an even length.
    offset = data + length + (length % 2);
  }
  if (!bitstream) throw new FaceEngineError("corrupt_image", "WebP has no VP8 or VP8L image data");
  return sizes;
}

let initialised: WebAssembly.Module | undefined;

/**
 * Still WebP images (lossy, lossless, with alpha) to 8-bit RGB, with libwebp's decoder from
 * @jsquash/webp (Squoosh's build), instantiated from the precompiled module the bundle carries. The size
 * checks run on the declared dimensions first, so the decoder never allocates beyond the pixel cap.
 */
export async function decodeWebp(
  bytes: Uint8Array,
  limits: DecodeLimits,
  webpWasm: () => Promise<WebAssembly.Module>,
): Promise<Raster> {
  const sizes = webpDimensions(bytes);
  for (const { width, height } of sizes) checkDimensions(width, height, limits);
  const module = await webpWasm();
  if (initialised !== module) {
    initWebpDecoder(module);
    initialised = module;
  }
  let image: { data: Uint8ClampedArray; width: number; height: number };
  try {
    // embind reads any byte view as the std::string the decoder takes; the typing says ArrayBuffer.
    image = await webpDecode(bytes as unknown as ArrayBuffer);
  } catch {
    throw new FaceEngineError("corrupt_image", "WebP image data cannot be decoded");
  }
  checkDimensions(image.width, image.height, limits);
  const pixels = image.width * image.height;
  const rgb = new Uint8Array(pixels * 3);
  // RGBA → RGB; transparent areas keep their colour values (faces are never transparent in practice).
  for (let i = 0, o = 0; i < pixels * 4; i += 4, o += 3) {
    rgb[o] = image.data[i] as number;
    rgb[o + 1] = image.data[i + 1] as number;
    rgb[o + 2] = image.data[i + 2] as number;
  }
  return { width: image.width, height: image.height, channels: 3, data: rgb };
}
