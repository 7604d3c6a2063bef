import { MAX_LIVENESS_FRAMES } from "@edgekyc/face-engine";
import { describe, expect, it } from "vitest";
import { engine, image } from "./support/env.ts";

/** A raw codestream whose SIZ says 1×1-pixel tiles: 50,176 tiles for a 224×224 portrait. */
function absurdTiles(): Uint8Array {
  const bytes = Uint8Array.from(image("portrait.j2k"));
  const view = new DataView(bytes.buffer);
  // SOC (2) + SIZ marker (2) + Lsiz (2) + Rsiz (2) + Xsiz, Ysiz, XOsiz, YOsiz (16) → XTsiz at 24.
  view.setUint32(24, 1);
  view.setUint32(28, 1);
  return bytes;
}

/** The WebP selfie with its VP8 frame header rewritten to declare width × height (a decompression bomb). */
function webpClaiming(width: number, height: number): Uint8Array {
  const bytes = Uint8Array.from(image("selfie.webp"));
  const view = new DataView(bytes.buffer);
  // RIFF (12) + "VP8 " chunk header (8) + frame tag (3) + start code (3) → width, height (14 bits each).
  view.setUint16(26, width, true);
  view.setUint16(28, height, true);
  return bytes;
}

/** A WebP whose header is intact but whose compressed data is noise. */
function webpNoise(): Uint8Array {
  const bytes = Uint8Array.from(image("selfie.webp"));
  for (let i = 40; i < bytes.length; i++) bytes[i] = (i * 73) & 0xff;
  return bytes;
}

/** An animated WebP: VP8X with the animation flag, then an ANIM chunk. */
function webpAnimated(): Uint8Array {
  const chunk = (type: string, data: number[]) => [
    ...new TextEncoder().encode(type),
    data.length & 0xff,
    (data.length >> 8) & 0xff,
    0,
    0,
    ...data,
  ];
  const body = [
    ...new TextEncoder().encode("WEBP"),
    ...chunk("VP8X", [0x02, 0, 0, 0, 9, 0, 0, 9, 0, 0]),
    ...chunk("ANIM", [0, 0, 0, 0, 0, 0]),
  ];
  const size = body.length;
  return Uint8Array.from([
    ...new TextEncoder().encode("RIFF"),
    size & 0xff,
    (size >> 8) & 0xff,
    0,
    0,
    ...body,
  ]);
}

describe("bad input over RPC answers a typed error, never a crash", () => {
  const portrait = () => image("portrait.jpg");
  it.each([
    ["not an image", () => new TextEncoder().encode("hello, not a photo"), "unsupported_format"],
    ["an empty image", () => new Uint8Array(0), "empty_image"],
    ["a truncated JPEG", () => portrait().subarray(0, 4000), "truncated_image"],
    ["a JPEG 2000 with absurd tile counts", absurdTiles, "too_many_tiles"],
    ["a truncated WebP", () => image("selfie.webp").subarray(0, 2000), "truncated_image"],
    ["a WebP declaring 16383×16383 pixels", () => webpClaiming(16383, 16383), "dimensions_too_large"],
    ["a WebP declaring 0×0 pixels", () => webpClaiming(0, 0), "invalid_dimensions"],
    ["a WebP whose image data is noise", webpNoise, "corrupt_image"],
    ["an animated WebP", webpAnimated, "unsupported_format"],
  ] as const)("%s as the probe → %s, naming the input", async (_, probe, code) => {
    const outcome = await engine.compare({ reference: portrait(), probe: probe() });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.code).toBe(code);
    expect(outcome.error.input).toBe("probe");
  });

  it("an empty frame list → no_frames; too many frames → too_many_frames; a bad minConfidence → invalid_option", async () => {
    const none = await engine.liveness({ frames: [] });
    expect(none).toMatchObject({ ok: false, error: { code: "no_frames" } });
    const many = await engine.liveness({
      frames: Array.from({ length: MAX_LIVENESS_FRAMES + 1 }, () => image("selfie.jpg")),
    });
    expect(many).toMatchObject({ ok: false, error: { code: "too_many_frames" } });
    const option = await engine.liveness({ frames: [image("selfie.jpg")], minConfidence: 150 });
    expect(option).toMatchObject({ ok: false, error: { code: "invalid_option", input: "minConfidence" } });
  });

  it("a bad frame among good ones names its index", async () => {
    const outcome = await engine.liveness({ frames: [image("selfie.jpg"), new Uint8Array([1, 2, 3])] });
    expect(outcome).toMatchObject({ ok: false, error: { code: "unsupported_format", input: "frames[1]" } });
  });
});

describe("unusable faces are outcomes with reasons, not errors", () => {
  it.each([
    ["no-face.jpg", "no_face"],
    ["two-faces.jpg", "multiple_faces"],
    ["small-face.jpg", "face_too_small"],
    ["blurred.jpg", "face_too_blurry"],
  ] as const)("%s → %s, not compared", async (probe, status) => {
    const outcome = await engine.compare({ reference: image("portrait.jpg"), probe: image(probe) });
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.error));
    expect(outcome.value.status).toBe("not_compared");
    expect(outcome.value.probe.status, JSON.stringify({ ...outcome.value.probe, embedding: null })).toBe(
      status,
    );
    expect(outcome.value.probe.reason).toBeTruthy();
    expect(outcome.value.match).toBe(false);
    expect(outcome.value.scores).toBeNull();
  });
});
