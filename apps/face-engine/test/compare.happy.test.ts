import { describe, expect, it } from "vitest";
import { engine, image } from "./support/env.ts";

async function compare(reference: string, probe: string) {
  const outcome = await engine.compare({ reference: image(reference), probe: image(probe) });
  if (!outcome.ok) throw new Error(`compare failed: ${JSON.stringify(outcome.error)}`);
  return outcome.value;
}

describe("compare over RPC", () => {
  it("matches a portrait with a tilted selfie of the same person, with every dialect's score", async () => {
    const result = await compare("portrait.jpg", "selfie.jpg");
    expect(result.status, JSON.stringify(result)).toBe("compared");
    expect(result.similarity).toBeGreaterThanOrEqual(result.threshold);
    expect(result.match).toBe(true);
    expect(result.scores?.matchLevel).toBeGreaterThanOrEqual(6);
    expect(result.scores?.faceMatch).toBeCloseTo(1 - (result.similarity as number), 3);
    expect(result.scores?.faceMatchConfidence).toBeGreaterThan(50);
    expect(result.reference.embedding).toHaveLength(1024);
    expect(result.probe.embedding).toHaveLength(1024);
  });

  it("does not match two different people", async () => {
    const result = await compare("portrait.jpg", "other-person.jpg");
    expect(result.status).toBe("compared");
    expect(result.similarity).toBeLessThan(result.threshold);
    expect(result.match).toBe(false);
    expect(result.scores?.matchLevel).toBeLessThan(6);
    expect(result.scores?.faceMatchConfidence).toBeLessThan(50);
  });

  it("matches a JPEG 2000 chip portrait (JP2 file and raw codestream) with a JPEG selfie", async () => {
    for (const portrait of ["portrait.jp2", "portrait.j2k"]) {
      const result = await compare(portrait, "selfie-dark.jpg");
      expect(result.reference.image.format).toBe(portrait.endsWith("jp2") ? "jp2" : "j2k");
      expect(result.match, `${portrait}: ${result.similarity}`).toBe(true);
    }
  });

  it("matches a WebP selfie (lossy VP8) with the JPEG portrait, scoring like its JPEG original", async () => {
    const webp = await compare("portrait.jpg", "selfie.webp");
    expect(webp.probe.image).toMatchObject({ format: "webp", width: 224, height: 224 });
    expect(webp.match, String(webp.similarity)).toBe(true);
    const jpeg = await compare("portrait.jpg", "selfie.jpg");
    expect(Math.abs((webp.similarity as number) - (jpeg.similarity as number))).toBeLessThan(0.05);
  });

  it("honours EXIF orientation", async () => {
    const result = await compare("portrait.jpg", "selfie-exif-orientation-6.jpg");
    expect(result.probe.image.orientation).toBe(6);
    expect(result.probe.image.width).toBeLessThanOrEqual(result.probe.image.height);
    expect(result.match, String(result.similarity)).toBe(true);
  });
});

describe("the shipped calibration set", () => {
  // Faces of one photo are different people; s6 holds the most alike of them (calibration README).
  const photos = { s1: ["s1-1", "s1-2", "s1-3"], s6: ["s6-1", "s6-2", "s6-3", "s6-4"] };
  for (const [photo, faces] of Object.entries(photos)) {
    it(`scores every pair of different people in photo ${photo} below the threshold`, async () => {
      for (let i = 0; i < faces.length; i++) {
        for (let j = i + 1; j < faces.length; j++) {
          const result = await compare(`face:${faces[i]}`, `face:${faces[j]}`);
          expect(result.match, `${faces[i]} ~ ${faces[j]}: ${result.similarity}`).toBe(false);
        }
      }
    });
  }

  it("scores the same person in two different photos above the threshold", async () => {
    const result = await compare("face:s1-3", "face:s3-1");
    expect(result.match, String(result.similarity)).toBe(true);
  });
});
