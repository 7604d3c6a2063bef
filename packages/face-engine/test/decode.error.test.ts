import { describe, expect, it } from "vitest";
import { decodeImage } from "../src/decode/index.ts";
import { FaceEngineError, type FaceEngineErrorCode } from "../src/errors.ts";
import { j2kHeader, jpeg, jpegClaiming, png, pngBomb, rawPng } from "./support/images.ts";

async function codeOf(bytes: Uint8Array): Promise<FaceEngineErrorCode | "decoded"> {
  try {
    await decodeImage(bytes);
    return "decoded";
  } catch (error) {
    if (error instanceof FaceEngineError) return error.code;
    throw error;
  }
}

describe("decodeImage refuses bad input with a typed error", () => {
  it("decodes small valid JPEG and PNG images", async () => {
    const fromJpeg = await decodeImage(jpeg(40, 30));
    expect(fromJpeg.info).toMatchObject({ format: "jpeg", width: 40, height: 30, orientation: 1 });
    const fromPng = await decodeImage(png(20, 10, 4));
    expect(fromPng.info).toMatchObject({ format: "png", width: 20, height: 10 });
    expect(fromPng.raster.data).toHaveLength(20 * 10 * 3);
  });

  it.each([
    ["no bytes", new Uint8Array(0), "empty_image"],
    ["text", new TextEncoder().encode("this is not an image at all"), "unsupported_format"],
    ["a GIF", new TextEncoder().encode("GIF89a\u0001\u0000\u0001\u0000"), "unsupported_format"],
    [
      "a WebP that ends after its RIFF header",
      new Uint8Array([0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x45, 0x42, 0x50]),
      "truncated_image",
    ],
  ] as const)("%s → %s", async (_, bytes, code) => {
    expect(await codeOf(bytes)).toBe(code);
  });

  it("a truncated JPEG is truncated_image, at any cut after the header", async () => {
    const bytes = jpeg(64, 64);
    for (const keep of [0.3, 0.6, 0.95]) {
      expect(await codeOf(bytes.subarray(0, Math.floor(bytes.length * keep))), `kept ${keep}`).toBe(
        "truncated_image",
      );
    }
    expect(await codeOf(bytes.subarray(0, 4))).toBe("truncated_image");
  });

  it("a truncated PNG is truncated_image", async () => {
    const bytes = png(64, 64);
    expect(await codeOf(bytes.subarray(0, bytes.length - 20))).toBe("truncated_image");
    expect(await codeOf(bytes.subarray(0, 20))).toBe("truncated_image");
  });

  it("a PNG bomb is refused without inflating it", async () => {
    expect(await codeOf(pngBomb())).toBe("corrupt_image");
  });

  it("zero and gigantic dimensions are refused from the header", async () => {
    expect(await codeOf(rawPng(0, 10, new Uint8Array(0)))).toBe("invalid_dimensions");
    expect(await codeOf(rawPng(100_000, 100_000, new Uint8Array(10)))).toBe("dimensions_too_large");
    expect(await codeOf(rawPng(8000, 8000, new Uint8Array(10)))).toBe("dimensions_too_large");
    expect(await codeOf(jpegClaiming(0, 480))).toBe("invalid_dimensions");
    expect(await codeOf(jpegClaiming(65_000, 65_000))).toBe("dimensions_too_large");
  });

  it("a JPEG 2000 with an absurd tile count is too_many_tiles, before any decoder loads", async () => {
    expect(await codeOf(j2kHeader(400, 400, 1, 1))).toBe("too_many_tiles");
    expect(await codeOf(j2kHeader(0, 400, 64, 64))).toBe("invalid_dimensions");
    expect(await codeOf(j2kHeader(40_000, 40_000, 1024, 1024))).toBe("dimensions_too_large");
    expect(await codeOf(j2kHeader(400, 400, 0, 0))).toBe("corrupt_image");
    // A JPEG 2000 codestream cut before its EOC.
    expect(await codeOf(j2kHeader(400, 400, 64, 64).subarray(0, 30))).toBe("truncated_image");
  });

  it("an image larger than maxBytes is image_too_large before anything is parsed", async () => {
    await expect(decodeImage(jpeg(), { limits: { maxBytes: 100 } })).rejects.toMatchObject({
      code: "image_too_large",
    });
  });
});
