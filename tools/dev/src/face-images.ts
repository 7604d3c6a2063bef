// Image variants and JPEG 2000 files for the face calibration set and the face-engine test fixtures,
// made from the shipped face crops with pure-JS/WebAssembly codecs (no native image tools needed).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { repoRoot } from "./apps.ts";

const require = createRequire(join(repoRoot, "tools/dev/package.json"));
const jpeg = require("jpeg-js") as {
  decode(data: Uint8Array, options: object): { width: number; height: number; data: Uint8Array };
  encode(image: { data: Uint8Array; width: number; height: number }, quality: number): { data: Uint8Array };
};

/** Capture changes one photo can undergo: a tilt, a poor sensor or link, dim light. */
export const VARIANTS = ["rotate", "lowres", "dark"] as const;
export type Variant = (typeof VARIANTS)[number] | "blur";

export interface Rgba {
  width: number;
  height: number;
  data: Uint8Array;
}

export const decodeJpeg = (bytes: Uint8Array): Rgba =>
  jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true });
export const encodeJpeg = (image: Rgba, quality = 85): Uint8Array => jpeg.encode(image, quality).data;

export function variant(image: Rgba, kind: Variant): Rgba {
  const { width: w, height: h, data } = image;
  const out = new Uint8Array(w * h * 4);
  const radius = 4;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let sx = x;
      let sy = y;
      if (kind === "rotate") {
        // 10° about the centre.
        const a = 0.17;
        sx = Math.round(w / 2 + Math.cos(a) * (x - w / 2) - Math.sin(a) * (y - h / 2));
        sy = Math.round(h / 2 + Math.sin(a) * (x - w / 2) + Math.cos(a) * (y - h / 2));
      } else if (kind === "lowres") {
        sx = Math.floor(x / 3) * 3;
        sy = Math.floor(y / 3) * 3;
      }
      for (let c = 0; c < 3; c++) {
        let v: number;
        if (kind === "blur") {
          let sum = 0;
          let n = 0;
          for (let dy = -radius; dy <= radius; dy++) {
            for (let dx = -radius; dx <= radius; dx++) {
              const px = Math.min(w - 1, Math.max(0, x + dx));
              const py = Math.min(h - 1, Math.max(0, y + dy));
              sum += data[(py * w + px) * 4 + c] as number;
              n++;
            }
          }
          v = sum / n;
        } else {
          const px = Math.min(w - 1, Math.max(0, sx));
          const py = Math.min(h - 1, Math.max(0, sy));
          v = data[(py * w + px) * 4 + c] as number;
          if (kind === "dark") v = v * 0.6 + 10;
        }
        out[(y * w + x) * 4 + c] = Math.max(0, Math.min(255, Math.round(v)));
      }
      out[(y * w + x) * 4 + 3] = 255;
    }
  }
  return { width: w, height: h, data: out };
}

export function variantJpeg(bytes: Uint8Array, kind: Variant): Uint8Array {
  return encodeJpeg(variant(decodeJpeg(bytes), kind), kind === "lowres" ? 40 : 85);
}

interface OpenJpegEncoderModule {
  J2KEncoder: new () => {
    getDecodedBuffer(info: object): Uint8Array;
    getEncodedBuffer(): Uint8Array;
    setQuality(lossless: boolean, quality: number): void;
    encode(): void;
    delete(): void;
  };
}

/** A lossy JPEG 2000 codestream of an RGB image (OpenJPEG's encoder, as chips' DG2 portraits are made). */
export async function encodeJ2k(image: Rgba, compressionRatio = 12): Promise<Uint8Array> {
  const factory = require("@cornerstonejs/codec-openjpeg/wasmjs") as (
    options: object,
  ) => Promise<OpenJpegEncoderModule>;
  const codec = await factory({ print: () => {}, printErr: () => {} });
  const encoder = new codec.J2KEncoder();
  try {
    const rgb = encoder.getDecodedBuffer({
      width: image.width,
      height: image.height,
      bitsPerSample: 8,
      componentCount: 3,
      isSigned: false,
    });
    for (let i = 0; i < image.width * image.height; i++) {
      rgb[i * 3] = image.data[i * 4] as number;
      rgb[i * 3 + 1] = image.data[i * 4 + 1] as number;
      rgb[i * 3 + 2] = image.data[i * 4 + 2] as number;
    }
    encoder.setQuality(false, compressionRatio);
    encoder.encode();
    return Uint8Array.from(encoder.getEncodedBuffer());
  } finally {
    encoder.delete();
  }
}

function box(type: string, ...parts: Uint8Array[]): Uint8Array {
  const length = 8 + parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(length);
  new DataView(out.buffer).setUint32(0, length);
  out.set(new TextEncoder().encode(type), 4);
  let offset = 8;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Wraps a codestream in the JP2 file format (ISO 15444-1 annex I): signature, ftyp, jp2h, jp2c. */
export function jp2File(codestream: Uint8Array, width: number, height: number): Uint8Array {
  const ihdr = new Uint8Array(14);
  const view = new DataView(ihdr.buffer);
  view.setUint32(0, height);
  view.setUint32(4, width);
  view.setUint16(8, 3); // components
  ihdr[10] = 7; // 8 bits, unsigned
  ihdr[11] = 7; // compression type: JPEG 2000
  const colr = Uint8Array.from([1, 0, 0, 0, 0, 0, 16]); // enumerated colour space 16 = sRGB
  const ftyp = Uint8Array.from([0x6a, 0x70, 0x32, 0x20, 0, 0, 0, 0, 0x6a, 0x70, 0x32, 0x20]);
  const signature = Uint8Array.from([0x0d, 0x0a, 0x87, 0x0a]);
  const parts = [
    box("jP  ", signature),
    box("ftyp", ftyp),
    box("jp2h", box("ihdr", ihdr), box("colr", colr)),
    box("jp2c", codestream),
  ];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/**
 * A lossy WebP of an image (libwebp's encoder from @jsquash/webp, as the face engine's decoder comes from
 * the same package). Node compiles the encoder's WebAssembly from the file; no network.
 */
export async function encodeWebp(image: Rgba, quality = 80): Promise<Uint8Array> {
  const dir = join(require.resolve("@jsquash/webp/package.json"), "..");
  const { init, default: encode } = (await import(join(dir, "encode.js"))) as {
    init(module: WebAssembly.Module): Promise<unknown>;
    default(
      data: { data: Uint8ClampedArray; width: number; height: number },
      options: object,
    ): Promise<ArrayBuffer>;
  };
  await init(await WebAssembly.compile(readFileSync(join(dir, "codec/enc/webp_enc_simd.wasm"))));
  const data = new Uint8ClampedArray(image.data);
  return new Uint8Array(await encode({ data, width: image.width, height: image.height }, { quality }));
}
