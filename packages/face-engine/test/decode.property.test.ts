import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeImage } from "../src/decode/index.ts";
import { checkDimensions, DEFAULT_DECODE_LIMITS } from "../src/decode/limits.ts";
import { FACE_ENGINE_ERROR_CODES, FaceEngineError } from "../src/errors.ts";
import { j2kHeader, jpeg, png, rawPng } from "./support/images.ts";

/** Decoding either succeeds or throws a FaceEngineError with a known code: never anything else. */
async function decodesOrRefuses(bytes: Uint8Array): Promise<void> {
  try {
    await decodeImage(bytes);
  } catch (error) {
    if (!(error instanceof FaceEngineError)) throw error;
    expect(FACE_ENGINE_ERROR_CODES).toContain(error.code);
  }
}

const validJpeg = jpeg(48, 40);
const validPng = png(48, 40);

describe("decoder input checks (property-based)", () => {
  it("arbitrary bytes are decoded or refused with a typed error", async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), decodesOrRefuses), { numRuns: 300 });
  });

  it("arbitrary bytes behind a real signature are decoded or refused with a typed error", async () => {
    const signatures = [
      validJpeg.subarray(0, 3),
      validPng.subarray(0, 8),
      new Uint8Array([0xff, 0x4f, 0xff, 0x51]),
      // RIFF, a size, WEBP, and a VP8 / VP8L / VP8X chunk type.
      new Uint8Array([
        0x52, 0x49, 0x46, 0x46, 0xff, 0x03, 0, 0, 0x57, 0x45, 0x42, 0x50, 0x56, 0x50, 0x38, 0x20,
      ]),
      new Uint8Array([
        0x52, 0x49, 0x46, 0x46, 0xff, 0x03, 0, 0, 0x57, 0x45, 0x42, 0x50, 0x56, 0x50, 0x38, 0x4c,
      ]),
      new Uint8Array([
        0x52, 0x49, 0x46, 0x46, 0xff, 0x03, 0, 0, 0x57, 0x45, 0x42, 0x50, 0x56, 0x50, 0x38, 0x58,
      ]),
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...signatures),
        fc.uint8Array({ maxLength: 1024 }),
        (signature, tail) => decodesOrRefuses(new Uint8Array([...signature, ...tail])),
      ),
      { numRuns: 300 },
    );
  });

  it("any truncation or single-byte corruption of a valid image is decoded or refused with a typed error", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(validJpeg, validPng),
        fc.nat(),
        fc.nat(),
        fc.integer({ min: 0, max: 255 }),
        async (image, cut, at, value) => {
          await decodesOrRefuses(image.subarray(0, cut % image.length));
          const corrupted = Uint8Array.from(image);
          corrupted[at % image.length] = value;
          await decodesOrRefuses(corrupted);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("a WebP's declared size decides before the decoder is asked for", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 16384 }),
        fc.integer({ min: 1, max: 16384 }),
        async (w, h) => {
          // A lossless (VP8L) header: signature 0x2f, then width-1 and height-1 in 14 bits each.
          const bits = ((w - 1) & 0x3fff) | (((h - 1) & 0x3fff) << 14);
          const chunk = [
            0x2f,
            bits & 0xff,
            (bits >>> 8) & 0xff,
            (bits >>> 16) & 0xff,
            (bits >>> 24) & 0xff,
            0,
          ];
          const riff = 4 + 8 + chunk.length;
          const bytes = new Uint8Array([
            ...[0x52, 0x49, 0x46, 0x46, riff & 0xff, riff >> 8, 0, 0, 0x57, 0x45, 0x42, 0x50],
            ...[0x56, 0x50, 0x38, 0x4c, chunk.length, 0, 0, 0, ...chunk],
          ]);
          let asked = false;
          const error = await decodeImage(bytes, {
            webpWasm: () => {
              asked = true;
              return Promise.reject(
                new FaceEngineError("corrupt_image", "decoder not available in this test"),
              );
            },
          }).catch((e: unknown) => e);
          expect(error).toBeInstanceOf(FaceEngineError);
          const width = ((w - 1) & 0x3fff) + 1;
          const height = ((h - 1) & 0x3fff) + 1;
          const within = width * height <= DEFAULT_DECODE_LIMITS.maxPixels && Math.max(width, height) <= 8192;
          expect(asked).toBe(within);
          if (!within) expect((error as FaceEngineError).code).toBe("dimensions_too_large");
        },
      ),
      { numRuns: 200 },
    );
  });

  it("a PNG header's dimensions decide before any data is read", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        async (w, h) => {
          const bytes = rawPng(w, h, new Uint8Array(16));
          const error = await decodeImage(bytes).then(
            () => null,
            (e: unknown) => e as FaceEngineError,
          );
          if (w === 0 || h === 0) expect(error?.code).toBe("invalid_dimensions");
          else if (
            w > DEFAULT_DECODE_LIMITS.maxDimension ||
            h > DEFAULT_DECODE_LIMITS.maxDimension ||
            w * h > DEFAULT_DECODE_LIMITS.maxPixels
          )
            expect(error?.code).toBe("dimensions_too_large");
          else expect(error?.code).toMatch(/corrupt_image|truncated_image/);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("a JPEG 2000 tile grid above the limit is refused, at or below it passes the check", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4000 }),
        fc.integer({ min: 1, max: 4000 }),
        fc.integer({ min: 1, max: 512 }),
        fc.integer({ min: 1, max: 512 }),
        async (w, h, tw, th) => {
          const tiles = Math.ceil(w / tw) * Math.ceil(h / th);
          const error = await decodeImage(j2kHeader(w, h, tw, th)).then(
            () => null,
            (e: unknown) => e as FaceEngineError,
          );
          if (w * h > DEFAULT_DECODE_LIMITS.maxPixels) expect(error?.code).toBe("dimensions_too_large");
          else if (tiles > DEFAULT_DECODE_LIMITS.maxJp2Tiles) expect(error?.code).toBe("too_many_tiles");
          // Header fine: the (absent) decoder is asked for next.
          else expect(error?.code).toBe("unsupported_format");
        },
      ),
      { numRuns: 300 },
    );
  });

  it("checkDimensions accepts exactly the sizes within the limits", () => {
    fc.assert(
      fc.property(fc.integer({ min: -10, max: 20_000 }), fc.integer({ min: -10, max: 20_000 }), (w, h) => {
        const within = w > 0 && h > 0 && w <= 8192 && h <= 8192 && w * h <= DEFAULT_DECODE_LIMITS.maxPixels;
        let ok = true;
        try {
          checkDimensions(w, h, DEFAULT_DECODE_LIMITS);
        } catch {
          ok = false;
        }
        expect(ok).toBe(within);
      }),
    );
  });
});
