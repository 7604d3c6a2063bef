// Small images built in the test: valid ones from the real encoders, hostile ones by patching headers.
import { encode as encodePng } from "fast-png";
import { zlibSync } from "fflate";
import { encode as encodeJpegPixels } from "jpeg-js";

export function jpeg(width = 32, height = 24): Uint8Array {
  const data = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) data.set([(i * 7) % 256, (i * 3) % 256, 128, 255], i * 4);
  return new Uint8Array(encodeJpegPixels({ data, width, height }, 90).data);
}

export function png(width = 32, height = 24, channels: 1 | 3 | 4 = 3): Uint8Array {
  const data = new Uint8Array(width * height * channels);
  for (let i = 0; i < data.length; i++) data[i] = (i * 5) % 256;
  return encodePng({ width, height, data, channels, depth: 8 });
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(new TextEncoder().encode(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** A PNG with any header and any (already compressed) image data, CRCs correct. */
export function rawPng(width: number, height: number, idat: Uint8Array, colorType = 2): Uint8Array {
  const ihdr = new Uint8Array(13);
  const view = new DataView(ihdr.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  ihdr.set([8, colorType, 0, 0, 0], 8);
  const parts = [
    Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", idat),
    chunk("IEND", new Uint8Array(0)),
  ];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** A 100×100 PNG (30 KB of pixels) whose image data inflates to `inflated` bytes: a decompression bomb. */
export function pngBomb(inflated = 4 * 1024 * 1024): Uint8Array {
  return rawPng(100, 100, zlibSync(new Uint8Array(inflated), { level: 6 }));
}

/** A JPEG whose frame header claims another size (the pixels stay small). */
export function jpegClaiming(width: number, height: number): Uint8Array {
  const bytes = jpeg();
  for (let i = 2; i + 9 < bytes.length; i++) {
    if (bytes[i] === 0xff && bytes[i + 1] === 0xc0) {
      bytes.set([(height >> 8) & 0xff, height & 0xff, (width >> 8) & 0xff, width & 0xff], i + 5);
      return bytes;
    }
  }
  throw new Error("no SOF0 in the test JPEG");
}

/** A raw JPEG 2000 codestream: SOC, SIZ (with the given tile size), and EOC; no tile data. */
export function j2kHeader(
  width: number,
  height: number,
  tileWidth: number,
  tileHeight: number,
  components = 3,
): Uint8Array {
  const siz = new Uint8Array(2 + 2 + 2 + 32 + 2 + 3 * components);
  const view = new DataView(siz.buffer);
  view.setUint16(0, 0xff51);
  view.setUint16(2, siz.length - 2);
  view.setUint16(4, 0); // Rsiz
  view.setUint32(6, width);
  view.setUint32(10, height);
  view.setUint32(14, 0);
  view.setUint32(18, 0);
  view.setUint32(22, tileWidth);
  view.setUint32(26, tileHeight);
  view.setUint32(30, 0);
  view.setUint32(34, 0);
  view.setUint16(38, components);
  for (let c = 0; c < components; c++) siz.set([7, 1, 1], 40 + c * 3);
  return new Uint8Array([0xff, 0x4f, ...siz, 0xff, 0xd9]);
}
