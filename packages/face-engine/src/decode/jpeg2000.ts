import OpenJPEGWASM from "@cornerstonejs/codec-openjpeg/decodewasmjs";
import { FaceEngineError } from "../errors.ts";
import type { DecodeLimits } from "../types.ts";
import { checkDimensions } from "./limits.ts";
import type { Raster } from "./raster.ts";

interface J2kHeader {
  width: number;
  height: number;
  tiles: number;
  components: number;
}

const u16 = (b: Uint8Array, o: number) => ((b[o] as number) << 8) | (b[o + 1] as number);
const u32 = (b: Uint8Array, o: number) => ((u16(b, o) << 16) | u16(b, o + 2)) >>> 0;

/** Where the codestream starts and ends: all of a raw codestream, the `jp2c` box of a JP2 file. */
function codestreamRange(bytes: Uint8Array): { start: number; end: number } {
  if (bytes[0] === 0xff && bytes[1] === 0x4f) return { start: 0, end: bytes.length };
  let offset = 0;
  while (offset + 8 <= bytes.length) {
    let length = u32(bytes, offset);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    let header = 8;
    if (length === 1) {
      if (offset + 16 > bytes.length) break;
      // 64-bit box length; anything above 2^32 cannot be in memory here anyway.
      length = u32(bytes, offset + 8) * 2 ** 32 + u32(bytes, offset + 12);
      header = 16;
    }
    if (type === "jp2c")
      return { start: offset + header, end: length === 0 ? bytes.length : offset + length };
    if (length === 0) break;
    if (length < header)
      throw new FaceEngineError("corrupt_image", `JPEG 2000 box ${type} has an invalid length`);
    offset += length;
  }
  throw new FaceEngineError("truncated_image", "JPEG 2000 file has no codestream (jp2c box)");
}

/** Image size and tile grid from the SIZ marker segment, before anything is decoded. */
function jpeg2000Header(bytes: Uint8Array): J2kHeader {
  const { start, end } = codestreamRange(bytes);
  // A codestream ends with EOC (FFD9); OpenJPEG would decode a cut-off one into a partly grey image.
  if (end > bytes.length || end < start + 2 || u16(bytes, end - 2) !== 0xffd9) {
    throw new FaceEngineError("truncated_image", "JPEG 2000 codestream ends before its EOC marker");
  }
  if (start + 42 > bytes.length)
    throw new FaceEngineError("truncated_image", "JPEG 2000 ends inside its SIZ header");
  if (u16(bytes, start) !== 0xff4f || u16(bytes, start + 2) !== 0xff51) {
    throw new FaceEngineError("corrupt_image", "JPEG 2000 codestream does not start with SOC and SIZ");
  }
  const s = start + 4;
  const xsiz = u32(bytes, s + 4);
  const ysiz = u32(bytes, s + 8);
  const xosiz = u32(bytes, s + 12);
  const yosiz = u32(bytes, s + 16);
  const xtsiz = u32(bytes, s + 20);
  const ytsiz = u32(bytes, s + 24);
  const xtosiz = u32(bytes, s + 28);
  const ytosiz = u32(bytes, s + 32);
  const components = u16(bytes, s + 36);
  const width = xsiz - xosiz;
  const height = ysiz - yosiz;
  if (xsiz <= xosiz || ysiz <= yosiz)
    throw new FaceEngineError(
      "invalid_dimensions",
      `JPEG 2000 declares ${xsiz - xosiz}×${ysiz - yosiz} pixels`,
    );
  if (xtsiz === 0 || ytsiz === 0 || xtosiz > xosiz || ytosiz > yosiz) {
    throw new FaceEngineError("corrupt_image", "JPEG 2000 declares an invalid tile grid");
  }
  const tiles = Math.ceil((xsiz - xtosiz) / xtsiz) * Math.ceil((ysiz - ytosiz) / ytsiz);
  return { width, height, tiles, components };
}

interface OpenJpegModule {
  J2KDecoder: new () => {
    getEncodedBuffer(length: number): Uint8Array;
    getDecodedBuffer(): Uint8Array;
    readHeader(): void;
    decode(): void;
    getFrameInfo(): {
      width: number;
      height: number;
      bitsPerSample: number;
      componentCount: number;
      isSigned: boolean;
    };
    delete(): void;
  };
}

let codec: Promise<OpenJpegModule> | undefined;

/** OpenJPEG's emscripten module, once per isolate, instantiated from the precompiled module. */
function openjpeg(openjpegWasm: WebAssembly.Module): Promise<OpenJpegModule> {
  codec ??= (OpenJPEGWASM as unknown as (options: object) => Promise<OpenJpegModule>)({
    instantiateWasm(imports: WebAssembly.Imports, receive: (instance: WebAssembly.Instance) => void) {
      WebAssembly.instantiate(openjpegWasm, imports).then((instance) => receive(instance));
      return {};
    },
    print: () => {},
    printErr: () => {},
  }).catch((error: unknown) => {
    codec = undefined;
    throw error;
  });
  return codec;
}

/** JP2 files and raw codestreams (eMRTD DG2 portraits), to 8-bit RGB. */
export async function decodeJpeg2000(
  bytes: Uint8Array,
  limits: DecodeLimits,
  openjpegWasm: () => Promise<WebAssembly.Module>,
): Promise<Raster> {
  const header = jpeg2000Header(bytes);
  checkDimensions(header.width, header.height, limits);
  if (header.tiles > limits.maxJp2Tiles) {
    throw new FaceEngineError(
      "too_many_tiles",
      `JPEG 2000 has ${header.tiles} tiles; at most ${limits.maxJp2Tiles} are allowed`,
    );
  }
  if (header.components !== 1 && header.components !== 3 && header.components !== 4) {
    throw new FaceEngineError(
      "corrupt_image",
      `JPEG 2000 has ${header.components} components; 1, 3 or 4 expected`,
    );
  }
  // Only now, with the header checked, is the decoder asked for.
  const module = await openjpeg(await openjpegWasm());
  const decoder = new module.J2KDecoder();
  try {
    decoder.getEncodedBuffer(bytes.length).set(bytes);
    decoder.decode();
    const info = decoder.getFrameInfo();
    if (info.width !== header.width || info.height !== header.height) {
      throw new FaceEngineError("corrupt_image", "JPEG 2000 decoded to a size other than its header's");
    }
    return toRgb(decoder.getDecodedBuffer(), info);
  } catch (error) {
    if (error instanceof FaceEngineError) throw error;
    const message =
      error instanceof Error
        ? error.message
        : typeof error === "number"
          ? `OpenJPEG error ${error}`
          : String(error);
    throw new FaceEngineError("corrupt_image", `JPEG 2000 could not be decoded: ${message.slice(0, 120)}`);
  } finally {
    decoder.delete();
  }
}

function toRgb(
  decoded: Uint8Array,
  info: { width: number; height: number; bitsPerSample: number; componentCount: number; isSigned: boolean },
): Raster {
  const pixels = info.width * info.height;
  const channels = info.componentCount;
  const out = new Uint8Array(pixels * 3);
  const wide = info.bitsPerSample > 8;
  const samples = wide
    ? new (info.isSigned ? Int16Array : Uint16Array)(
        decoded.buffer as ArrayBuffer,
        decoded.byteOffset,
        pixels * channels,
      )
    : decoded;
  if (samples.length < pixels * channels)
    throw new FaceEngineError("truncated_image", "JPEG 2000 decoded fewer samples than its size");
  const shift = wide ? info.bitsPerSample - 8 : 0;
  for (let i = 0; i < pixels; i++) {
    for (let c = 0; c < 3; c++) {
      const value = (samples[i * channels + (channels >= 3 ? c : 0)] as number) >> shift;
      out[i * 3 + c] = Math.min(255, Math.max(0, value));
    }
  }
  return { width: info.width, height: info.height, channels: 3, data: out };
}
